export const activationOps = [];
