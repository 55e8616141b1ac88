/** The team's cheats for next-number (tests/grader/cheats/next-number/): none passes, none earns what it targets. */
import { cheatBattery } from "./cheat-battery";

cheatBattery("next-number");
