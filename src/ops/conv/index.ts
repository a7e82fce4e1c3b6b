export const convOps = [];
