import type { z } from "zod";
import type { TQuestionInput, ZQuizSettings } from "../../../assessments/quiz-schemas";

/**
 * The demo courses' quizzes, built from the questions and answer keys their QUIZ lessons used to print.
 * Keyed by course slug; `module` and `lesson` are the QUIZ lesson's 1-based position in the syllabus (its id
 * is `demoId("lesson", slug, module, lesson)`). Together they use every question type.
 */
export interface DemoQuiz {
  module: number;
  lesson: number;
  settings: z.input<typeof ZQuizSettings>;
  questions: TQuestionInput[];
}

const LETTERS = "abcdefghij";

/** One best answer, given as the answer key's letter. */
function single(prompt: string, options: string[], key: string, explanation: string): TQuestionInput {
  const correct = LETTERS.indexOf(key);
  if (correct < 0 || correct >= options.length) throw new Error(`No option ${key} in "${prompt}"`);
  return {
    type: "single",
    prompt,
    explanation,
    options: options.map((text, i) => ({ text, correct: i === correct })),
  };
}

function trueFalse(prompt: string, answer: boolean, explanation: string): TQuestionInput {
  return {
    type: "true_false",
    prompt,
    explanation,
    options: [
      { text: "True", correct: answer },
      { text: "False", correct: !answer },
    ],
  };
}

/** Every option marked `true` must be chosen, and no other. */
function multiple(
  prompt: string,
  options: [text: string, correct: boolean][],
  explanation: string,
  points = 1,
): TQuestionInput {
  return {
    type: "multiple",
    prompt,
    explanation,
    points,
    options: options.map(([text, correct]) => ({ text, correct })),
  };
}

function shortText(
  prompt: string,
  acceptedAnswers: string[],
  pattern: string | null,
  explanation: string,
): TQuestionInput {
  return { type: "short_text", prompt, explanation, acceptedAnswers, pattern };
}

function numeric(prompt: string, value: number, tolerance: number, explanation: string): TQuestionInput {
  return { type: "numeric", prompt, explanation, value, tolerance };
}

const aiFoundations: DemoQuiz = {
  module: 2,
  lesson: 4,
  // The free course: as many attempts as a learner wants, no clock.
  settings: { passPercentage: 70, maxAttempts: null, timeLimitMinutes: null, revealAnswers: "after_passing" },
  questions: [
    shortText(
      "A model predicts the sale price of flats from their floor area, number of bedrooms and distance to the centre. In machine-learning terms, what is the sale price? Answer in one word.",
      ["label", "target"],
      "(?i)(the |a )?(label|target)( value| variable)?",
      "The sale price is the **label** (also called the target): the value being predicted. Features are the inputs, such as floor area. (Lesson: Learning from Data)",
    ),
    single(
      "What does a loss function measure?",
      [
        "How long training takes",
        "How many parameters a model has",
        "How far the model's predictions are from the correct answers",
        "How much data is in the test set",
      ],
      "c",
      'Loss turns "how wrong are we?" into one number that training tries to minimise. (Lesson: Learning from Data)',
    ),
    single(
      "During gradient descent, the learning rate controls:",
      [
        "the size of each parameter update",
        "the number of layers in the network",
        "the share of data used for testing",
        "how many features are collected",
      ],
      "a",
      "The learning rate sets the step size. Too large and training overshoots; too small and it crawls.",
    ),
    single(
      "A model scores 99% accuracy on training data and 61% on validation data. This is most likely:",
      ["underfitting", "a good fit", "overfitting", "a problem with the learning rate only"],
      "c",
      "A large gap between training and validation performance is the signature of overfitting. (Lesson: Training, Validation and Testing)",
    ),
    single(
      "Why should the test set be used only once, at the end?",
      [
        "It is usually too small to be useful",
        "Repeatedly tuning against it makes the final score overly optimistic",
        "Test data cannot be loaded into memory twice",
        "It contains labels the model must never see during inference",
      ],
      "b",
      "Every decision made by looking at test scores leaks information, inflating the final estimate.",
    ),
    single(
      "Which is an example of data leakage?",
      [
        "Using more training data than test data",
        "Including a feature that records the outcome you are trying to predict",
        "Shuffling data before splitting it",
        "Using a validation set to pick a model",
      ],
      "b",
      "A feature that encodes the outcome is not available at prediction time, so the model cheats.",
    ),
    single(
      "What role does the activation function play in a neural network?",
      [
        "It stores the training data",
        "It adds non-linearity so the network can model curved patterns",
        "It splits the data into batches",
        "It chooses the learning rate automatically",
      ],
      "b",
      "Without non-linear activations, stacked layers collapse into a single linear function. (Lesson: Neural Networks)",
    ),
    single(
      "Backpropagation is used to:",
      [
        "collect more labelled data",
        "compute how much each weight contributed to the error",
        "convert text into tokens",
        "deploy the model to production",
      ],
      "b",
      "Backpropagation distributes blame for the error across all weights so they can be updated.",
    ),
    single(
      "Which phase happens every time you send a message to a chatbot?",
      ["Pre-training", "Backpropagation", "Inference", "Data augmentation"],
      "c",
      "Inference uses the frozen, already-trained model to generate a response.",
    ),
    single(
      "Which best describes self-supervised learning?",
      [
        "A person labels every example by hand",
        "The model receives rewards from a game environment",
        "Labels are created from the data itself, such as predicting a hidden next word",
        "The model trains without any data",
      ],
      "c",
      "Self-supervised learning creates labels automatically from unlabelled data, which is how language models learn from huge text collections.",
    ),
    trueFalse(
      "An artificial neuron works much like a biological neuron, and neural networks learn the way children do.",
      false,
      "Neural networks are inspired by the brain only loosely: an artificial neuron is a few multiplications and an addition, and networks learn very differently from children. (Lesson: Neural Networks Without the Math Anxiety)",
    ),
    trueFalse(
      "Once a model is trained, its parameters stay fixed while it makes predictions on new examples.",
      true,
      "During inference the parameters are frozen; they change only when the model is trained again. (Lesson: Learning from Data)",
    ),
  ],
};

const promptEngineering: DemoQuiz = {
  module: 4,
  lesson: 2,
  settings: { passPercentage: 70, maxAttempts: 3, timeLimitMinutes: null, revealAnswers: "after_passing" },
  questions: [
    single(
      "A model keeps producing summaries in inconsistent formats despite clear instructions. Which change is most likely to help?",
      [
        "Raising the temperature",
        "Adding one or two examples of the exact desired format",
        "Making the prompt shorter",
        "Removing the role description",
      ],
      "b",
      "Examples are the strongest lever for format and style; models copy demonstrated structure closely.",
    ),
    single(
      "Why wrap user-provided text in delimiters such as tags?",
      [
        "It reduces the token count",
        "It helps the model separate instructions from data",
        "It guarantees protection against prompt injection",
        "It is required by all APIs",
      ],
      "b",
      "Delimiters mark the boundary between instructions and data. They help, but do not guarantee safety.",
    ),
    single(
      "Which instruction is most effective?",
      [
        '"Don\'t be long-winded."',
        '"Be concise if possible."',
        '"Answer in at most three sentences."',
        '"Don\'t write too much or too little."',
      ],
      "c",
      "Positive, measurable instructions beat vague or negative ones.",
    ),
    single(
      "In a few-shot classification prompt, every example uses the label BUG. What is the likely result?",
      [
        "Better accuracy on all labels",
        "The model over-predicts BUG",
        "The model refuses to answer",
        "No effect, since examples are ignored",
      ],
      "b",
      "Models learn the label distribution from examples; cover every category.",
    ),
    single(
      "Why does asking a standard chat model to reason step by step often improve accuracy on multi-step problems?",
      [
        "It switches the model to a larger version",
        "It gives the model more tokens, and therefore more computation, before the final answer",
        "It disables sampling",
        "It makes the model search the internet",
      ],
      "b",
      "Each generated token adds computation; written intermediate steps give the model room to work.",
    ),
    trueFalse(
      "Schema-constrained structured output guarantees that every value in the response is factually correct.",
      false,
      "Constraints guarantee shape, not truth: the output parses and matches the declared schema, but values can still be wrong, and output must still be handled safely. (Lesson: Structured Output)",
    ),
    multiple(
      "Which of these belong in a system prompt rather than in a user message? Select all that apply.",
      [
        ["The application's scope and escalation rules", true],
        ["Tone and formatting conventions for every answer", true],
        ["The specific invoice the user uploaded", false],
        ["A one-off request to translate a paragraph", false],
        ["The user's follow-up question", false],
      ],
      "Application-wide rules (scope, tone, formatting, escalation) go in the system prompt; per-request content goes in user messages. A useful test: if an instruction should apply to every request, it belongs in the system prompt. (Lesson: System Prompts, Roles and Personas)",
    ),
    single(
      "A new prompt version scores 86% versus 84% for the old one on 50 test cases. What is the best conclusion?",
      [
        "Ship the new prompt immediately",
        "The difference may be noise; check edge-case tags and consider more cases or repeated runs",
        "The old prompt is broken",
        "Evaluation sets are not useful",
      ],
      "b",
      "Small differences on small sets are often noise. Check for regressions on tagged edge cases before shipping.",
    ),
    single(
      "Which practice makes an LLM-as-judge more trustworthy?",
      [
        "Asking for a score with no explanation",
        "Calibrating its scores against a sample of human ratings",
        "Always showing the better answer first",
        "Using a vague 1–10 quality scale",
      ],
      "b",
      "Calibration against human judgement is what makes automated grading credible; pairwise comparisons with swapped order also help.",
    ),
    single(
      "An email assistant can read incoming mail and send replies. Which defence most directly limits the damage of indirect prompt injection?",
      [
        "A longer system prompt",
        "Requiring human confirmation before any email is sent",
        "Using a higher temperature",
        "Adding more few-shot examples",
      ],
      "b",
      "Architectural controls such as confirmation for consequential actions limit harm even when prompt-level defences fail.",
    ),
  ],
};

const machineLearning: DemoQuiz = {
  module: 4,
  lesson: 2,
  settings: { passPercentage: 70, maxAttempts: 3, timeLimitMinutes: 20, revealAnswers: "after_passing" },
  questions: [
    single(
      "Why should imputation and scaling be placed inside a scikit-learn `Pipeline`?",
      [
        "It makes training faster",
        "Their statistics are then learned from training folds only, preventing leakage",
        "Models cannot accept scaled data otherwise",
        "Pipelines automatically choose the best model",
      ],
      "b",
      "Fitting preprocessing on all data lets test information influence training. Pipelines refit it inside each training fold. (Overfitting, Regularisation and Data Leakage)",
    ),
    single(
      "A fraud dataset has 0.5% positives. Which metric is most informative for comparing models?",
      ["Accuracy", "Average precision (PR AUC)", "R²", "Mean absolute error"],
      "b",
      "With rare positives, accuracy is dominated by the majority class; average precision focuses on how well positives are ranked. (Evaluating Models)",
    ),
    single(
      "Your model has training ROC AUC of 0.99 and cross-validated ROC AUC of 0.74. The most likely diagnosis is:",
      ["Underfitting", "Overfitting", "A perfect model", "Wrong metric"],
      "b",
      "A large gap between training and validation scores is the signature of overfitting.",
    ),
    shortText(
      "You have several rows per patient, and no patient may appear in both a training and a validation fold. Which scikit-learn splitter class should you use? Type its name.",
      ["GroupKFold", "StratifiedGroupKFold"],
      "(?i)(sklearn\\.model_selection\\.)?(Stratified)?GroupKFold(\\(\\))?",
      "`GroupKFold` keeps all rows for a patient in the same fold, so the model cannot recognise individuals (`StratifiedGroupKFold` does too, and also balances classes). (Cross-Validation)",
    ),
    single(
      "In `LogisticRegression`, how does decreasing `C` affect the model?",
      ["Less regularisation", "More regularisation", "More trees", "Higher learning rate"],
      "b",
      "`C` is the *inverse* of regularisation strength; smaller values mean stronger regularisation.",
    ),
    single(
      "Which feature is a clear case of target leakage when predicting whether a loan will default?",
      [
        "Applicant income at application time",
        "Number of previous loans",
        "Whether the loan was sent to a collections agency",
        "Loan amount requested",
      ],
      "c",
      "Collections referral happens after default, so it would not be known at prediction time.",
    ),
    single(
      "What does permutation importance measure?",
      [
        "Whether a feature causes the outcome",
        "How much a model's score drops when a feature's values are shuffled",
        "How many times a feature is used in splits",
        "The correlation between a feature and the target",
      ],
      "b",
      "It measures the model's reliance on a feature in held-out data, not causation. (Trees, Forests and Gradient Boosting)",
    ),
    single(
      "Why is the best score from `RandomizedSearchCV` optimistically biased?",
      [
        "Because it uses the test set",
        "Because it is the maximum of many noisy estimates",
        "Because random search is less accurate than grid search",
        "It is not biased",
      ],
      "b",
      "Selecting the maximum among many noisy CV scores favours candidates that got lucky; test once on held-out data.",
    ),
    single(
      "Which model usually needs feature scaling to work well?",
      ["Random forest", "Decision tree", "k-means clustering", "Histogram gradient boosting"],
      "c",
      "k-means uses distances, so large-scale features dominate. Tree-based models are scale-invariant.",
    ),
    single(
      "A UMAP plot shows three well-separated groups. What is the appropriate conclusion?",
      [
        "The data definitely contains three clusters",
        "Distances between the groups on the plot are reliable",
        "It suggests structure worth investigating with other methods",
        "PCA is now unnecessary",
      ],
      "c",
      "t-SNE and UMAP can exaggerate separation and distort distances; confirm with other evidence. (Unsupervised Learning)",
    ),
    numeric(
      "A fraud model flags 40 transactions as fraudulent, and 30 of them really are fraud. What is its precision, in per cent?",
      75,
      0.5,
      'Precision = TP / (TP + FP) = 30 / 40 = 75 %: when the model says "fraud", it is right three times in four. (Evaluating Models)',
    ),
    numeric(
      "You run 5-fold cross-validation on a training set of 1,000 rows. How many rows are in each validation fold?",
      200,
      0,
      "k-fold cross-validation divides the data into k equal folds and validates on each in turn: 1,000 / 5 = 200 rows per fold, trained on the other 800. (Cross-Validation and Hyperparameter Tuning)",
    ),
  ],
};

const buildingLlmApplications: DemoQuiz = {
  module: 4,
  lesson: 3,
  settings: {
    passPercentage: 70,
    maxAttempts: 3,
    timeLimitMinutes: null,
    partialCredit: true,
    revealAnswers: "after_each_attempt",
  },
  questions: [
    single(
      'Users complain the assistant "feels slow", although full answers take only 6 seconds. What is the most effective first change?',
      [
        "Switch to a larger model",
        "Stream the response so the first tokens appear quickly",
        "Increase `max_tokens`",
        "Add a verification step",
      ],
      "b",
      "Perceived latency is dominated by time to first token; streaming fixes it without changing the model. (Calling LLM APIs)",
    ),
    single(
      'Your RAG assistant gives wrong answers to questions about error code "E-4012", although the relevant page is indexed. What is the most likely fix?',
      [
        "Raise the temperature",
        "Add keyword search and fuse it with vector search",
        "Use a longer system prompt",
        "Fine-tune the model on the error page",
      ],
      "b",
      "Dense embeddings often miss exact identifiers; hybrid search with reciprocal rank fusion captures them. (Chunking, Indexing and Retrieval Quality)",
    ),
    single(
      "Which metric tells you whether retrieval found the information needed to answer?",
      [
        "Answer relevance",
        "Context recall (for example recall@k against gold chunks)",
        "Time to first token",
        "Output token count",
      ],
      "b",
      "Context recall measures retrieval directly; the other options measure generation or performance.",
    ),
    multiple(
      "The model asks your application to call a tool. Which of these should your tool handler do? Select all that apply.",
      [
        ["Validate the arguments before using them", true],
        ["Check that the current user is authorised to perform the action", true],
        ["Return errors to the model as tool results so it can recover", true],
        ["Execute the arguments exactly as the model produced them", false],
        ["Hide tool results from the model", false],
      ],
      "Tool arguments are untrusted input; validate them and authorise the action for the current user. Errors should be returned as results so the model can recover. (Function Calling and Tool Use)",
      2,
    ),
    single(
      "A task has fixed, known steps: extract fields, classify, draft a reply. What is the best design?",
      [
        "An autonomous multi-agent system",
        "A workflow with fixed model calls orchestrated by code",
        "A single call with every tool enabled",
        "An agent without a step limit",
      ],
      "b",
      "Fixed steps call for a workflow; it is cheaper, faster and easier to test than an agent. (Agents)",
    ),
    single(
      "An assistant can read a user's inbox, browse the web and send email. Which change most reduces exfiltration risk?",
      [
        "A stronger instruction not to leak data",
        "Requiring human confirmation before sending any email",
        "Using a higher temperature",
        "Adding more retrieval results",
      ],
      "b",
      "The inbox, web and email combination enables exfiltration; a confirmation step breaks the chain even if injection succeeds. Prompt instructions alone are not a security control. (Securing LLM Applications)",
    ),
    single(
      "Where should document access control be enforced in a RAG system?",
      [
        "In the system prompt",
        "In the retrieval query, using the requesting user's permissions",
        "By asking the model to check permissions",
        "Only in the user interface",
      ],
      "b",
      "Permissions must be enforced in code and queries; the model cannot be trusted to enforce them.",
    ),
    single(
      "A judge model rates longer answers higher regardless of correctness. What should you do?",
      [
        "Stop evaluating",
        "Use a specific rubric, ask for reasoning first, and validate the judge against human labels",
        "Make all answers longer",
        "Only use exact-match metrics for everything",
      ],
      "b",
      "Judges need rubrics and calibration against human labels to be credible. (Evaluating LLM Applications)",
    ),
    single(
      "Which cache is most likely to cause a serious privacy incident if designed carelessly?",
      [
        "An embedding cache keyed by content hash",
        "A response cache shared across users for permission-dependent answers",
        "Provider prompt caching of a static system prompt",
        "A cache of public documentation chunks",
      ],
      "b",
      "Sharing permission-dependent answers across users can leak one user's data to another. (Observability, Caching and Cost Control)",
    ),
    single(
      "Which metric best reflects the true cost efficiency of a model choice?",
      [
        "Price per million input tokens",
        "Cost per successfully completed task",
        "Number of parameters",
        "Context window size",
      ],
      "b",
      "A cheap model that fails and retries can cost more per successful outcome than a pricier, reliable one.",
    ),
    numeric(
      "A model costs 2 cents per attempt and completes the task on 40 % of attempts; failed attempts are retried until one succeeds. On average, what does one successfully completed task cost, in cents?",
      5,
      0.01,
      'Cost per success = cost per attempt ÷ success rate = 2 ÷ 0.4 = 5 cents. A model at 3 cents per attempt that succeeds 90 % of the time costs about 3.3 cents per success, so the "cheap" model is the expensive one. (Observability, Caching and Cost Control)',
    ),
    shortText(
      "What is the attack called in which instructions hidden in content the model reads (a web page, a retrieved document, an incoming email) change its behaviour? Two words are enough.",
      ["prompt injection", "indirect prompt injection"],
      "(?i)(an? )?(indirect )?prompt[- ]?injections?( attacks?)?",
      "This is **prompt injection**; when the instructions arrive through retrieved or received content rather than from the user, it is called indirect prompt injection. (Securing LLM Applications)",
    ),
  ],
};

export const demoQuizzes: Record<string, DemoQuiz> = {
  "ai-foundations": aiFoundations,
  "prompt-engineering": promptEngineering,
  "machine-learning-with-python": machineLearning,
  "building-llm-applications": buildingLlmApplications,
};
