import { CsvDataset } from './CsvDataset';
import { Dataset2D } from './Dataset2D';
import { StepIndex } from './StepIndex';

export const dataOps = [Dataset2D, CsvDataset, StepIndex];
