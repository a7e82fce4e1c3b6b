export const randomOps = [];
