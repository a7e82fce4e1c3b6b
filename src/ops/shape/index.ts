export const shapeOps = [];
