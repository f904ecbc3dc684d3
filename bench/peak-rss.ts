import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in KiB. On Linux, the kernel's high-water mark of
 * this process's own memory (VmHWM): getrusage's maxRSS, which process.resourceUsage()
 * reads, carries over a fork and exec, so a figure taken in a child of a parent that once
 * held a big sheet reads as the parent's (a 43 MB child showed 481 MB).
 */
export function peakRssKib(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS;
}
