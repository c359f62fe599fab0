// node dist/run.js <hub-url> <api-key> <terminal-id> <amount>: the example end to end, printing
// each event and the settled payment as JSON on the last line.
import { takePayment } from './take-payment.js';

declare const process: { argv: string[]; exit(code: number): never };

const [hub, key, terminal, amount] = process.argv.slice(2);
if (!hub || !key || !terminal || !amount) {
  console.error('usage: node dist/run.js <hub-url> <api-key> <terminal-id> <amount>');
  process.exit(2);
}
const settled = await takePayment(hub, key, terminal, amount);
console.log(JSON.stringify(settled));
