/** Three quarters of the machine's memory, in MB: what `--max-old-space-size` is set to. */
export declare const generatorHeapMb: () => number;
