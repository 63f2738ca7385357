// One instance's size (memory in MiB, CPUs in cores): checked here, stored with the app, and
// given to the release container as its Docker limits.
import { ValidationError } from '@paas/contracts';

// Docker refuses less than 6 MiB; below 32 hardly any runtime starts
const MEMORY_MB = { min: 32, max: 262_144 };
const CPUS = { min: 0.05, max: 256 };

export function validateMemoryMb(value: number, field = 'memoryMb'): number {
  if (!Number.isInteger(value) || value < MEMORY_MB.min || value > MEMORY_MB.max)
    throw new ValidationError(`${field} must be a whole number of MiB from ${MEMORY_MB.min} to ${MEMORY_MB.max}.`, field);
  return value;
}

export function validateCpus(value: number, field = 'cpus'): number {
  if (!Number.isFinite(value) || value < CPUS.min || value > CPUS.max)
    throw new ValidationError(`${field} must be a number of cores from ${CPUS.min} to ${CPUS.max}.`, field);
  // Docker takes CPUs in units of 1/100 of a core here (stored as given, rounded)
  return Math.round(value * 100) / 100;
}

/** The size of a new app that names none: PAAS_APP_MEMORY_MB (512) and PAAS_APP_CPUS (1), refused at start when out of range. */
export function defaultInstanceSize(env: NodeJS.ProcessEnv): { memoryMb: number; cpus: number } {
  return {
    memoryMb: validateMemoryMb(Number(env.PAAS_APP_MEMORY_MB || 512), 'PAAS_APP_MEMORY_MB'),
    cpus: validateCpus(Number(env.PAAS_APP_CPUS || 1), 'PAAS_APP_CPUS'),
  };
}
