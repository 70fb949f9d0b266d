import { clearAxeResults } from "./axe-summary";

export default function globalSetup() {
  clearAxeResults();
}
