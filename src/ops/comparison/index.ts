export const comparisonOps = [];
