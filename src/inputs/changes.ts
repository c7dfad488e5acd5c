// Poll for Changed Records' inputs: what to watch, how far back the first poll looks, and how much one poll returns.
import { input } from "@prismatic-io/spectral";
import { CHANGE_RESOURCES } from "../operations/changes";
import { cleanBoolean, cleanChoice, cleanWholeNumber } from "./cleaners";
import { withDefault } from "./shared";

export const resource = input({
  label: "Records",
  type: "string",
  required: true,
  default: "components",
  model: [
    { label: "Components (company library on classic Duro)", value: "components" },
    { label: "Change orders", value: "changeOrders" },
  ],
  clean: cleanChoice("resource", CHANGE_RESOURCES),
  example: "components",
  comments:
    "What to watch. Classic Duro: ordered by lastModified. Duro Hub: filtered on updatedAt (after), reading createdAt/updatedAt — documented for components; assumed for change orders (if Duro rejects it, the error names the field).",
});

export const lookBackHours = withDefault(
  input({
    label: "First Poll Look-Back (hours)",
    type: "string",
    required: false,
    default: "24",
    clean: cleanWholeNumber("lookBackHours", 0, 8760),
    example: "24",
    comments: "The first poll returns the changes of this many hours before it (0-8760, default 24); later polls continue where the last one stopped.",
  }),
);

export const maxChangesPerPoll = withDefault(
  input({
    label: "Max Changes per Poll",
    type: "string",
    required: false,
    default: "500",
    clean: cleanWholeNumber("maxChangesPerPoll", 1, 10_000),
    example: "500",
    comments: "At most this many changes per run (oldest first, 1-10000, default 500); the rest come on the next poll. The output's pending says how many wait.",
  }),
);

export const settleSeconds = withDefault(
  input({
    label: "Settle Time (seconds)",
    type: "string",
    required: false,
    default: "60",
    clean: cleanWholeNumber("settleSeconds", 0, 3600),
    example: "60",
    comments:
      "Changes younger than this wait for the next poll (0-3600, default 60), so a change made while a poll reads, or a Duro clock slightly behind, is never skipped.",
  }),
);

const showRecords = (key: "showNewRecords" | "showUpdatedRecords", label: string, which: string) =>
  withDefault(
    input({
      label,
      type: "boolean",
      required: false,
      default: "true",
      clean: cleanBoolean(key),
      example: "false",
      comments: `Include ${which} in the output (default true). Off: they are skipped (not kept for later), and a poll with nothing else to show ends with no changes.`,
    }),
  );

export const showNewRecords = showRecords("showNewRecords", "Show New Records", "records created since the last poll (the created list)");
export const showUpdatedRecords = showRecords("showUpdatedRecords", "Show Updated Records", "records changed since the last poll that existed before it (the updated list)");
