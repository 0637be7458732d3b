export const demoReviewTexts: Record<string, { rating: 1 | 2 | 3 | 4 | 5; comment: string | null }[]> = {
  "ai-foundations": [
    {
      rating: 5,
      comment:
        "Finally an explanation of how ChatGPT-style tools work that didn't assume I knew calculus. The lesson on tokens and next-token prediction made everything click.",
    },
    {
      rating: 5,
      comment:
        "I manage a small team and wanted to understand the risks before we adopted AI tools. The responsible use module and the use-case brief assignment were exactly what I needed.",
    },
    {
      rating: 4,
      comment:
        "Clear and well paced. The hands-on notebook was fun, although I needed a couple of tries to get Colab running.",
    },
    {
      rating: 4,
      comment: null,
    },
    {
      rating: 3,
      comment:
        "Good overview, but if you already follow AI news the history module will feel familiar. The transformers lesson was the highlight for me.",
    },
  ],
  "prompt-engineering": [
    {
      rating: 5,
      comment:
        "The evaluation lesson changed how our team works. We now keep a test set for every prompt instead of arguing about which version feels better.",
    },
    {
      rating: 5,
      comment:
        "Practical from start to finish. The iterative ticket-summarising exercise showed how much edge cases matter.",
    },
    {
      rating: 4,
      comment:
        "Great material on structured output and validation. I'd love a few more examples for non-English prompts.",
    },
    {
      rating: 4,
      comment:
        "The prompt injection lesson was an eye-opener. Solid course overall, though the video notes felt a little long.",
    },
    {
      rating: 5,
      comment:
        "Worth it for the final assignment alone. I ended up with a prompt library and an eval harness I use at work every day.",
    },
  ],
  "machine-learning-with-python": [
    {
      rating: 5,
      comment:
        "The leakage lesson alone saved me from shipping a model that looked amazing and was completely wrong. Pipelines finally make sense.",
    },
    {
      rating: 4,
      comment:
        "Very thorough scikit-learn coverage with realistic code. Expect to spend more time than the listed durations if you run every example.",
    },
    {
      rating: 5,
      comment:
        "The churn capstone is a great portfolio piece. Focusing on precision in the top 10% made it feel like a real business problem.",
    },
    {
      rating: 3,
      comment:
        "Solid content, but the pace picks up quickly in Module 3. A little more on the maths behind regularisation would have helped me.",
    },
    {
      rating: 4,
      comment:
        "Clear explanations of metrics for imbalanced data. I'd happily take a follow-up course on time series.",
    },
    {
      rating: 5,
      comment:
        "Best explanation of cross-validation splitters I've come across. GroupKFold fixed a real problem in my project the same week.",
    },
  ],
  "building-llm-applications": [
    {
      rating: 5,
      comment:
        "This is the course I wish I'd had before building our internal assistant. The RAG evaluation and hybrid search lessons are excellent.",
    },
    {
      rating: 5,
      comment:
        "Security coverage is outstanding. We redesigned our email agent's permissions after the lesson on the dangerous combination of capabilities.",
    },
    {
      rating: 4,
      comment:
        "Dense but rewarding. The capstone takes far longer than 45 minutes, but it's a genuinely useful project.",
    },
    {
      rating: 4,
      comment:
        "Great engineering focus with no hype. Some examples use a single provider's SDK, but the concepts transfer easily.",
    },
    {
      rating: 3,
      comment:
        "Useful material, though I expected more depth on fine-tuning. The observability and cost lesson was very practical.",
    },
  ],
};
