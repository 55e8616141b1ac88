/** The team's cheats for sine-forecast (tests/grader/cheats/sine-forecast/): none passes, none earns what it targets. */
import { cheatBattery } from "./cheat-battery";

cheatBattery("sine-forecast");
