import type { DemoCourse } from "./types";
import { course as aiFoundations } from "./ai-foundations";
import { course as promptEngineering } from "./prompt-engineering";
import { course as machineLearningWithPython } from "./machine-learning-with-python";
import { course as buildingLlmApplications } from "./building-llm-applications";

export * from "./types";

export const demoCatalogue: DemoCourse[] = [
  aiFoundations,
  promptEngineering,
  machineLearningWithPython,
  buildingLlmApplications,
];

/**
 * Structured prerequisites of the demo: building LLM applications requires completing Prompt Engineering in
 * Practice (its free-text prerequisites say so too). Students already enrolled keep their access.
 */
export const demoPrerequisites: { course: string; requires: string }[] = [
  { course: buildingLlmApplications.slug, requires: promptEngineering.slug },
];
