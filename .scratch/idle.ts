import { startBenchSystem, sleep } from '../scripts/bench/bench-system';
import { cpuSnapshot, formatCpuPerArticle } from '../scripts/bench/process-cpu';
async function main() {
  const system = await startBenchSystem('idle');
  await sleep(15000);
  const a = cpuSnapshot(system);
  await sleep(20000);
  console.log(formatCpuPerArticle('idle cpu ms per second', a, cpuSnapshot(system), 20));
  await system.stop();
}
void main().then(() => process.exit(0));
