/** The team's cheats for imdb-sentiment (tests/grader/cheats/imdb-sentiment/): none passes, none earns what it targets. */
import { cheatBattery } from "./cheat-battery";

cheatBattery("imdb-sentiment");
