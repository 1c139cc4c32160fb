import type { FlowCapacity } from '../capacity/capacity-units.js';
import type { StoreCallCost } from '../capacity/store-call-cost.js';
import type { FunctionBundle } from '../bundles/bundle-functions.js';
import type { ColdInit } from '../bundles/cold-init.js';
import type { FlowCost, MauCost } from '../cost/cost-model.js';
import type { HashTiming } from '../hashing/password-hashing.js';
import type { SigningFloor } from '../hashing/signing-floor.js';
import type { LoadPoint } from '../load/load-point.js';
import type { MachineInfo, RunIdentity } from '../machine.js';

/** Everything one run measured: written to bench/results/<date>-<commit>.json. */
export interface BenchResults {
  readonly run: RunIdentity & { readonly quick: boolean; readonly durationSeconds: number; readonly coldStarts: number };
  readonly machine: MachineInfo;
  readonly versions: Record<string, string>;
  readonly gatehouse?: Record<string, LoadPoint[]>;
  readonly oidcProvider?: Record<string, LoadPoint[]>;
  readonly capacity?: FlowCapacity[];
  readonly storeCall?: StoreCallCost;
  readonly hashing?: HashTiming[];
  readonly signing?: SigningFloor;
  readonly bundles?: Omit<FunctionBundle, 'dir'>[];
  readonly coldInit?: ColdInit[];
  readonly cost?: { readonly flows: FlowCost[]; readonly perMillionMau: MauCost; readonly assumptions: unknown };
  readonly targets?: TargetVerdict[];
}

export interface TargetVerdict {
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured in this run. */
  readonly met: boolean | undefined;
}
