/**
 * Property tests explore: each run takes a fresh seed, printed so that a failure can be
 * replayed, unless FUZZ_SEED fixes it (`FUZZ_SEED=123 npx vitest run test/fuzz.test.ts`).
 */
export function propertySeed(name: string): number {
  const fixed = process.env.FUZZ_SEED;
  const seed = fixed !== undefined && fixed !== '' ? Number(fixed) : Math.floor(Math.random() * 0x7fffffff);
  console.log(`${name}: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  return seed;
}
