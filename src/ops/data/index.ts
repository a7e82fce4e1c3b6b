import { Dataset2D } from './Dataset2D';

export const dataOps = [Dataset2D];
