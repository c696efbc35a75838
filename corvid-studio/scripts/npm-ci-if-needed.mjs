// Runs `npm ci` when node_modules is missing or older than package.json / package-lock.json,
// so that repeated Maven builds do not reinstall every package.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json'; // npm writes it after every install
const inputs = ['package.json', 'package-lock.json'];

const upToDate = existsSync(installed)
  && inputs.every((file) => statSync(file).mtimeMs <= statSync(installed).mtimeMs);

if (upToDate) {
  console.log('corvid-studio: node_modules is up to date');
} else {
  console.log('corvid-studio: npm ci');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
