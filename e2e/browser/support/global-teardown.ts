import { printAxeSummary } from "./axe-summary";

export default function globalTeardown() {
  printAxeSummary();
}
