/** Builds the bot once, as `npm start` does, so end-to-end tests run the real compiled entry point. */
import { buildBot } from "../testkit/bot-process.js";

export default function setup(): void {
  buildBot();
}
