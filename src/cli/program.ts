// The command's name, as every message and help text says it.
export const PROGRAM = 'face-detection-contract';
