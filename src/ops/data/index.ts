import { CsvDataset } from './CsvDataset';
import { Dataset2D } from './Dataset2D';

export const dataOps = [Dataset2D, CsvDataset];
