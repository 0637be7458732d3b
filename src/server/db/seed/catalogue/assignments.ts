import type { FileTypeKey } from "@/lib/file-types";

/**
 * The demo courses' assignments: settings and a rubric fitted to each ASSIGNMENT lesson's instructions (the
 * lessons used to print a longer rubric table; its criteria are merged into four here, 100 points in all).
 * Keyed by course slug; `module` and `lesson` are the ASSIGNMENT lesson's 1-based position in the syllabus (its
 * id is `demoId("lesson", slug, module, lesson)`); criterion and level ids come from their positions.
 */
export interface DemoCriterion {
  title: string;
  description: string;
  /** Best first: [title, points]. */
  levels: [title: string, points: number][];
}

export interface DemoAssignment {
  module: number;
  lesson: number;
  textAllowed: boolean;
  /** Where the instructions ask for a repository, a notebook or another link. */
  linksAllowed: boolean;
  /** Files the students may upload (allow-list keys), the largest in MB, how many; null: no files. */
  files: { types: FileTypeKey[]; maxMb: number; maxFiles: number } | null;
  /** Days after the seed's `now` the work is due; null: no due date (a fixed date would drift). */
  dueInDays: number | null;
  rubric: DemoCriterion[];
}

const aiFoundations: DemoAssignment = {
  module: 4,
  lesson: 3,
  textAllowed: true,
  linksAllowed: false,
  // The test log may come as a spreadsheet export or a document, with screenshots.
  files: { types: ["pdf", "md", "txt", "csv", "png", "jpg"], maxMb: 10, maxFiles: 3 },
  dueInDays: null,
  rubric: [
    {
      title: "Task and testing evidence",
      description:
        "The task's scope, current process and success criteria; at least five varied, realistic test runs (one of them tricky) with honest, specific notes and the time it took to fix each output.",
      levels: [
        ["Excellent — clear task and success criteria, five or more varied tests with specific notes", 35],
        ["Good — clear task, but vague success criteria or tests with little variety", 26],
        ["Developing — task described loosely, or fewer than five tests", 16],
        ["Missing — task unclear, or no real testing", 0],
      ],
    },
    {
      title: "Risks, data and privacy",
      description:
        "At least three realistic failure modes tied to the course's concepts, each with its impact and a concrete safeguard; what data the tool would see and whether that is acceptable.",
      levels: [
        ["Excellent — realistic failure modes with concrete safeguards; specific, correct data handling", 35],
        ["Good — sound risks with generic safeguards, or an incomplete data note", 26],
        ["Developing — risks listed without analysis; privacy mentioned superficially", 16],
        ["Missing — risks or data handling ignored", 0],
      ],
    },
    {
      title: "Recommendation",
      description:
        "A clear decision (adopt, adopt with safeguards, pilot further, or do not adopt) that follows from the evidence, with the conditions attached to it.",
      levels: [
        ["Excellent — the decision follows clearly from the evidence, with conditions", 20],
        ["Good — a sound decision, weakly justified", 15],
        ["Developing — a decision the evidence does not support", 9],
        ["Missing — no decision", 0],
      ],
    },
    {
      title: "Clarity and reflection",
      description:
        "About one page, well organised, ending with a thoughtful paragraph on the idea from the course that most changed the approach.",
      levels: [
        ["Excellent — concise, well organised, a thoughtful reflection", 10],
        ["Good — mostly clear", 7],
        ["Developing — hard to follow", 4],
        ["Missing — unreadable, or no reflection", 0],
      ],
    },
  ],
};

const promptEngineering: DemoAssignment = {
  module: 4,
  lesson: 3,
  textAllowed: true,
  // prompt.md, eval.jsonl and an optional runner live in a repository or shared folder, or are uploaded.
  linksAllowed: true,
  files: { types: ["md", "txt", "csv", "py", "zip"], maxMb: 10, maxFiles: 5 },
  dueInDays: null,
  rubric: [
    {
      title: "Task and test set",
      description:
        "Specific, measurable success criteria tied to real users; at least 25 realistic test cases written before iterating, with 5 or more edge cases and 3 or more injection attempts.",
      levels: [
        ["Excellent — measurable criteria; 25+ realistic cases with meaningful edge and injection cases", 30],
        ["Proficient — clear criteria; 25 cases with limited variety", 22],
        ["Developing — vague criteria, or under 25 mostly trivial cases", 13],
        ["Beginning — no criteria or no test set", 0],
      ],
    },
    {
      title: "Iteration process",
      description:
        "A scored baseline and at least three documented iterations, each with its hypothesis, the change made and the new score.",
      levels: [
        ["Excellent — three or more hypothesis-driven iterations, each scored", 25],
        ["Proficient — three iterations with weak hypotheses", 18],
        ["Developing — fewer iterations, or no scores", 11],
        ["Beginning — no iteration", 0],
      ],
    },
    {
      title: "Final prompt and structured output",
      description:
        "A clearly structured prompt (delimiters, examples where useful, a way to express uncertainty) whose output a program can parse, with a validation step and a retry strategy.",
      levels: [
        ["Excellent — a well-structured prompt; parseable output, validated, with retries", 30],
        ["Proficient — a good prompt with minor gaps; validation only described", 22],
        ["Developing — works but unstructured, or an inconsistent format", 13],
        ["Beginning — does not work reliably", 0],
      ],
    },
    {
      title: "Security review",
      description:
        "What happens when the input contains instructions, and which non-prompt controls production needs.",
      levels: [
        ["Excellent — realistic threats with layered, non-prompt controls", 15],
        ["Proficient — reasonable threats, prompt-only defences", 11],
        ["Developing — a superficial mention", 6],
        ["Beginning — not addressed", 0],
      ],
    },
  ],
};

const machineLearning: DemoAssignment = {
  module: 4,
  lesson: 3,
  textAllowed: true,
  // The notebook and the saved pipeline are handed in as a link or uploaded.
  linksAllowed: true,
  files: { types: ["ipynb", "py", "csv", "zip", "png", "pdf"], maxMb: 25, maxFiles: 5 },
  dueInDays: null,
  rubric: [
    {
      title: "Data, leakage and pipeline",
      description:
        "EDA following the Module 1 checklist with a log of findings; every column assessed for whether it is known before the churn event; a stratified test set held out once; all preprocessing in a Pipeline with a ColumnTransformer; runs top to bottom with fixed seeds.",
      levels: [
        ["Excellent — every column assessed for leakage; a leak-free pipeline that runs top to bottom", 35],
        ["Proficient — good EDA, a partial leakage review or minor reproducibility issues", 26],
        ["Developing — minimal EDA, or preprocessing outside the pipeline", 16],
        ["Beginning — missing, or does not run", 0],
      ],
    },
    {
      title: "Model comparison and tuning",
      description:
        "A dummy baseline, logistic regression and at least one tree ensemble under 5-fold stratified cross-validation with the spread reported; a randomised search over three or more hyperparameters.",
      levels: [
        ["Excellent — baseline and several models, sound CV and tuning, spread reported", 20],
        ["Proficient — a comparison without spread, or limited tuning", 15],
        ["Developing — a single model", 9],
        ["Beginning — missing", 0],
      ],
    },
    {
      title: "Evaluation",
      description:
        "The test set used once: average precision, ROC AUC, a confusion matrix at a justified threshold and precision among the top 10% highest-risk customers.",
      levels: [
        ["Excellent — metrics fit the retention goal, threshold justified, top-10% precision reported", 25],
        ["Proficient — appropriate metrics, weakly justified", 18],
        ["Developing — accuracy-focused", 11],
        ["Beginning — missing", 0],
      ],
    },
    {
      title: "Interpretation and recommendation",
      description:
        "Permutation importance of the top five features in plain language, with caveats about causation; how the retention team should use the scores, what the model cannot tell them, and how to monitor it.",
      levels: [
        ["Excellent — accurate, plain-language and actionable, with limitations and monitoring", 20],
        ["Proficient — correct but technical, or a partial plan", 15],
        ["Developing — superficial, hard to act on", 9],
        ["Beginning — missing", 0],
      ],
    },
  ],
};

const buildingLlmApplications: DemoAssignment = {
  module: 4,
  lesson: 4,
  textAllowed: true,
  // A repository (and possibly a video) is the deliverable; a zip of the code and a design PDF also do.
  linksAllowed: true,
  files: { types: ["zip", "py", "md", "pdf", "png"], maxMb: 20, maxFiles: 5 },
  dueInDays: null,
  rubric: [
    {
      title: "Retrieval and grounded answers",
      description:
        "Structure-aware chunking and hybrid search with reciprocal rank fusion, improved by measurement; streamed answers that cite a source for every claim and decline when the documentation does not cover the question.",
      levels: [
        ["Excellent — measured hybrid retrieval; grounded, cited answers with reliable refusals", 35],
        ["Proficient — working hybrid search; occasional citation gaps", 26],
        ["Developing — vector-only and untuned, or frequent unsupported claims", 16],
        ["Beginning — unreliable retrieval, uncited answers", 0],
      ],
    },
    {
      title: "Tools, security and robustness",
      description:
        "At least one tool with validated arguments in a bounded loop; retrieved content delimited and rendered safely; no secrets in client code or the repository; timeouts, retries and max_tokens on every model call; the adversarial cases handled.",
      levels: [
        ["Excellent — validated tool, adversarial suite passes, safe rendering, retries and timeouts", 25],
        ["Proficient — a working tool, most defences present", 18],
        ["Developing — a happy-path tool, prompt-only defences", 11],
        ["Beginning — no tool, or vulnerable", 0],
      ],
    },
    {
      title: "Evaluation suite",
      description:
        "40 or more questions with reference answers and gold sources (8 of them unanswerable) and 6 or more adversarial cases; a runner reporting every metric of the brief against its target, reproducible from a results file.",
      levels: [
        ["Excellent — 40+ cases, a calibrated judge, every metric reported and reproducible", 25],
        ["Proficient — most metrics, limited calibration", 18],
        ["Developing — a small or ad hoc evaluation", 11],
        ["Beginning — none", 0],
      ],
    },
    {
      title: "Observability, cost and documentation",
      description:
        "Traces with prompt version, chunk ids, tokens, cost and latency, reported against the targets; a README with setup, architecture, decisions and honest limitations, and the short report.",
      levels: [
        [
          "Excellent — full traces against the targets; a clear README and report with honest limitations",
          15,
        ],
        ["Proficient — partial tracing, or incomplete documentation", 11],
        ["Developing — logs only, or hard to follow", 6],
        ["Beginning — missing", 0],
      ],
    },
  ],
};

export const demoAssignments: Record<string, DemoAssignment> = {
  "ai-foundations": aiFoundations,
  "prompt-engineering": promptEngineering,
  "machine-learning-with-python": machineLearning,
  "building-llm-applications": buildingLlmApplications,
};
