import { Abs } from './Abs';
import { Add } from './Add';
import { AddN } from './AddN';
import { AddV2 } from './AddV2';
import { Ceil } from './Ceil';
import { Cos } from './Cos';
import { Cumsum } from './Cumsum';
import { Erf } from './Erf';
import { Exp } from './Exp';
import { Floor } from './Floor';
import { FloorDiv } from './FloorDiv';
import { FloorMod } from './FloorMod';
import { Log } from './Log';
import { Log1p } from './Log1p';
import { Maximum } from './Maximum';
import { Minimum } from './Minimum';
import { Mul } from './Mul';
import { Neg } from './Neg';
import { Pow } from './Pow';
import { RealDiv } from './RealDiv';
import { Reciprocal } from './Reciprocal';
import { Round } from './Round';
import { Rsqrt } from './Rsqrt';
import { Sign } from './Sign';
import { Sin } from './Sin';
import { Sqrt } from './Sqrt';
import { Square } from './Square';
import { SquaredDifference } from './SquaredDifference';
import { Sub } from './Sub';
import { Tan } from './Tan';

export const mathOps = [
  AddV2,
  Add,
  Sub,
  Mul,
  RealDiv,
  FloorDiv,
  FloorMod,
  Pow,
  Maximum,
  Minimum,
  SquaredDifference,
  AddN,
  Neg,
  Abs,
  Sign,
  Square,
  Sqrt,
  Rsqrt,
  Reciprocal,
  Exp,
  Log,
  Log1p,
  Sin,
  Cos,
  Tan,
  Floor,
  Ceil,
  Round,
  Erf,
  Cumsum,
];
