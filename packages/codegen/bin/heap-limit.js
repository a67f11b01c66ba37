// The heap the generator's commands run with (bin/switchboard-codegen.js), shared with the scale package's
// measurements, which give every process they time the same limit so that no run measures a relaunch.
import { totalmem } from "node:os";

/** Three quarters of the machine's memory, in MB: what `--max-old-space-size` is set to. */
export const generatorHeapMb = () => Math.floor((totalmem() * 0.75) / 2 ** 20);
