import type { DemoCourse } from "./types";

export const course: DemoCourse = {
  slug: "building-llm-applications",
  title: "Building LLM Applications",
  description:
    "An engineering course on turning large language models into dependable software. You will call model APIs directly, build retrieval-augmented generation over your own documents, give models tools and agent loops, and secure the result against prompt injection and data leakage. The final module covers evaluation, observability and cost control, ending with a capstone in which you ship a documentation assistant.",
  difficulty: "ADVANCED",
  priceCents: 9900,
  featured: false,
  publishedDaysAgo: 38,
  metaTitle: "Building LLM Applications: RAG, Tools and Agents",
  metaDescription:
    "Engineer production LLM apps: APIs and streaming, RAG with vector search, tool calling, agents, security, evaluation, observability and cost control.",
  imageUrl: "/covers/building-llm-applications.svg",
  instructorKey: "alan",
  learningObjectives: [
    "Call LLM APIs with well-chosen parameters, streaming, retries and structured output",
    "Design retrieval-augmented generation pipelines with sound chunking, embeddings and hybrid search",
    "Implement tool calling and bounded agent loops with human approval for risky actions",
    "Threat-model LLM applications and apply defences for prompt injection and data leakage",
    "Build offline and online evaluation to catch regressions before users do",
    "Instrument, cache and route model calls to control latency and cost in production",
  ],
  prerequisites: [
    "Solid programming experience in Python or TypeScript, including async code and HTTP APIs",
    "Completion of Prompt Engineering in Practice or equivalent hands-on prompting experience",
    "Basic familiarity with SQL databases and JSON",
    "An API key for at least one LLM provider, or a local model runtime",
  ],
  modules: [
    {
      title: "LLM APIs and Application Architecture",
      description:
        "Understand what you are building on: how LLMs are made, how to call them well, and how the pieces of an LLM application fit together.",
      lessons: [
        {
          title: "Watch: Andrej Karpathy's Intro to Large Language Models",
          description:
            "Viewing notes for a popular one-hour talk that gives engineers a complete mental model of LLMs, their future and their security risks.",
          lessonType: "VIDEO",
          duration: 60,
          videoUrl: "https://www.youtube.com/watch?v=zjkBMFhNj_g",
          content: `## About this video

This lesson pairs Andrej Karpathy's widely shared talk *Intro to Large Language Models* (November 2023) with our study notes. The talk runs about an hour and is aimed at a general technical audience, which makes it an ideal shared vocabulary for the rest of this course. Specific model names and numbers have moved on since it was recorded, but the structure of the argument has aged well. If the video cannot be played in your environment, the notes below capture the key ideas.

## Part 1: What an LLM is

The talk opens with a memorable simplification: an open-weight model such as Llama 2 70B is essentially **two files**, a large parameters file (around 140 GB, since 70 billion parameters are stored at two bytes each) and a small program that runs them. Everything interesting lives in the parameters.

Training is framed as **lossy compression of a large chunk of the internet**: roughly ten terabytes of text, thousands of GPUs, and days of computation at a cost in the millions of dollars, for a model of that generation. Next-word prediction sounds trivial, but to predict well the network has to absorb a great deal of knowledge about the world. The result "dreams" internet-like documents, which is also why it can produce confident text that is wrong.

| Stage | Data | Output |
| --- | --- | --- |
| Pre-training | Huge volumes of internet text; expensive, done rarely | Base model with broad knowledge |
| Fine-tuning | Smaller set of high-quality conversations written to labelling instructions | Assistant model |
| Optional comparison stage | People choose the better of candidate answers | Further-refined assistant |

## Part 2: Where LLMs are heading

The middle of the talk surveys trends that are now central to application engineering:

- **Scaling laws**: performance improves predictably with more parameters and more data, which drives enormous investment in compute.
- **Tool use**: models increasingly solve problems by calling a browser, a calculator, a code interpreter or an image generator rather than working everything out in their weights.
- **Multimodality**: seeing images and hearing and producing speech.
- **System 1 versus System 2**: today's models answer instinctively token by token; a major research goal is letting them trade time for accuracy by thinking longer.
- **Self-improvement and customisation**: from game-playing systems that improved through self-play, to users customising assistants with instructions and retrieved files.

The talk's central image is the **LLM as the kernel of a new kind of operating system**: the model coordinates resources such as memory (the context window), storage (files and retrieval), tools and other models. This course is, in effect, about building applications on that operating system.

## Part 3: Security challenges

The final section is a tour of attacks every LLM application builder should know:

| Attack | Idea | Where we cover it |
| --- | --- | --- |
| Jailbreaks | Role-play, encodings or optimised suffixes that get around safety training | Module 3 |
| Prompt injection | Instructions hidden in content the model reads, such as web pages, images or documents | Module 3 |
| Data exfiltration | Injected instructions make the app leak data, for example through crafted links or images | Module 3 |
| Data poisoning and backdoors | Manipulated training data creates hidden trigger behaviours | Module 3 |

The message for engineers: these are new classes of vulnerability, defences are immature, and architecture matters more than clever prompts.

## Discussion questions

1. If an LLM is "lossy compression" of its training data, what does that suggest about asking it for exact quotes, figures or URLs?
2. Which parts of the "LLM operating system" analogy map onto components you will build in this course?
3. Pick one attack from Part 3. What is the worst thing it could do in an application you know?

## Key takeaways

- An LLM is a large set of learned parameters plus simple code to run them.
- Assistants come from pre-training followed by fine-tuning on curated conversations.
- Tools, retrieval and multimodality turn the model into a coordinator of resources.
- New attack classes such as prompt injection must shape your architecture from day one.
`,
        },
        {
          title: "Calling LLM APIs: Messages, Parameters and Streaming",
          description:
            "Make robust model calls with the right parameters, streaming, timeouts and retries in Python and TypeScript.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://platform.openai.com/docs/api-reference",
          content: `## The request shape

Most LLM APIs share a common shape: you send a list of role-tagged messages plus generation parameters and receive the model's reply along with token usage. Provider SDKs differ in naming, but the concepts transfer directly, and many tools and open-source servers expose an OpenAI-compatible endpoint so the same client code can target several backends.

\`\`\`python
import os
from openai import OpenAI

client = OpenAI()  # reads OPENAI_API_KEY
MODEL = os.environ.get("LLM_MODEL", "gpt-4o-mini")

response = client.chat.completions.create(
    model=MODEL,
    messages=[
        {"role": "system", "content": "You answer questions about our HR policies concisely."},
        {"role": "user", "content": "How many days of parental leave do we offer?"},
    ],
    temperature=0.2,
    max_tokens=400,
)
print(response.choices[0].message.content)
print(response.usage)  # prompt, completion and total token counts
\`\`\`

The Anthropic SDK is similar, with the system prompt as a separate parameter and a required \`max_tokens\`:

\`\`\`python
import anthropic

client = anthropic.Anthropic()  # reads ANTHROPIC_API_KEY
message = client.messages.create(
    model=os.environ["LLM_MODEL"],
    max_tokens=400,
    system="You answer questions about our HR policies concisely.",
    messages=[{"role": "user", "content": "How many days of parental leave do we offer?"}],
)
print(message.content[0].text)
\`\`\`

## Parameters that matter

| Parameter | What it does | Practical guidance |
| --- | --- | --- |
| \`temperature\` | Randomness of sampling | 0–0.3 for extraction and Q&A; 0.7–1.0 for ideation |
| \`max_tokens\` | Upper bound on output length | Always set it; it bounds cost and latency |
| \`top_p\` | Nucleus sampling cutoff | Adjust temperature or top_p, not both |
| \`stop\` | Sequences that end generation | Useful for strict formats |
| \`seed\` (where supported) | Best-effort reproducibility | Helps debugging; not a guarantee |
| Reasoning effort (reasoning models) | How long the model thinks | Raise for hard tasks, lower for latency |

Some reasoning models ignore or reject sampling parameters such as temperature; check the model documentation rather than assuming every parameter applies everywhere.

## Streaming

Users perceive an application as fast when the first words arrive quickly. Streaming returns tokens as they are generated, cutting **time to first token** from seconds to a few hundred milliseconds for many requests.

\`\`\`typescript
import OpenAI from "openai";

const client = new OpenAI();

const stream = await client.chat.completions.create({
  model: process.env.LLM_MODEL ?? "gpt-4o-mini",
  messages: [{ role: "user", content: "Explain vector databases in three sentences." }],
  stream: true,
});

for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}
\`\`\`

In web applications, forward the stream to the browser using server-sent events or a streaming HTTP response. Remember that you cannot validate a complete JSON object until the stream finishes, so stream prose to users and validate structured output at the end.

## Failures are normal

Production traffic will meet rate limits (HTTP 429), transient server errors (5xx), timeouts and occasional malformed output. Handle them deliberately:

1. **Timeouts** on every call; never wait indefinitely.
2. **Retries with exponential backoff and jitter** for 429 and 5xx responses, honouring any \`retry-after\` header.
3. **No blind retries** for 400-class validation errors; fix the request instead.
4. **Fallbacks**: a secondary model or a graceful "try again" message.

\`\`\`python
import random, time
from openai import APIConnectionError, InternalServerError, RateLimitError

def with_retries(call, max_attempts=4):
    for attempt in range(max_attempts):
        try:
            return call()
        except (RateLimitError, APIConnectionError, InternalServerError):
            if attempt == max_attempts - 1:
                raise
            time.sleep(min(30, 2 ** attempt) + random.uniform(0, 1))
\`\`\`

The official SDKs already retry some errors automatically and let you configure \`max_retries\` and \`timeout\`; know their defaults before adding your own layer.

## Keep keys on the server

API keys belong in server-side environment variables or a secrets manager, never in browser code or mobile apps. Route client requests through your backend, where you can authenticate users, enforce per-user rate limits and log usage.

## Key takeaways

- Messages plus parameters in, text plus usage out; concepts transfer across providers.
- Always set \`max_tokens\` and timeouts; choose temperature by task.
- Stream for perceived speed, and handle 429s and 5xx errors with backoff.
- Keep API keys server-side and proxy all model traffic through your backend.
`,
        },
        {
          title: "Architecture of an LLM Application",
          description:
            "Map the components of a production LLM application and the latency, cost and reliability budgets that shape them.",
          lessonType: "TEXT",
          duration: 18,
          content: `## More than a prompt

A demo is a prompt and an API key. A product is a system: it authenticates users, fetches the right context, calls one or more models, validates and filters outputs, records what happened and improves over time. Designing that system up front prevents the most common failure of LLM projects, a great demo that cannot be made reliable.

## The reference architecture

\`\`\`text
                ┌──────────────┐
 user ───────▶  │  API / UI     │  auth, rate limits, streaming
                └──────┬───────┘
                       ▼
                ┌──────────────┐   prompt templates (versioned)
                │ Orchestrator │── input guardrails
                └──┬───┬───┬───┘
        retrieval ◀┘   │   └▶ tools (search, DB, actions)
                       ▼
                ┌──────────────┐
                │ Model gateway │  routing, retries, caching, cost tracking
                └──────┬───────┘
                       ▼
                output validation and guardrails ──▶ response
                       │
                traces, evals, feedback store
\`\`\`

| Component | Responsibility | Typical technology |
| --- | --- | --- |
| Orchestrator | Builds prompts, calls retrieval, tools and models in order | Your application code, sometimes a framework |
| Retrieval | Finds relevant context for each request | Vector index, keyword search, SQL |
| Model gateway | One place for provider access, retries, fallbacks, caching and cost metering | Internal library or proxy service |
| Guardrails | Checks inputs and outputs against policy and schemas | Validators, classifiers, moderation endpoints |
| Observability | Traces every step with prompts, tokens, latency and cost | Tracing tools, logs, dashboards |
| Evaluation | Measures quality offline and online | Test sets, judges, user feedback |

Frameworks can speed up prototypes, but keep your core logic understandable: you will need to debug every step of the chain in production.

## Budgets: latency, cost and quality

Every design decision trades off three budgets. Set explicit targets early:

| Budget | Example target | Levers |
| --- | --- | --- |
| Latency | First token under 1 s, full answer under 8 s at p95 | Streaming, smaller models, fewer sequential calls, caching |
| Cost | Under $0.01 per conversation turn on average | Model routing, shorter prompts, caching, batch processing |
| Quality | 90% of answers rated correct and grounded on the eval set | Better retrieval, stronger models, examples, verification steps |

A quick cost estimate belongs in every design document:

\`\`\`python
# Illustrative prices; check your provider's current price list.
input_price_per_m = 0.50      # dollars per million input tokens
output_price_per_m = 1.50     # dollars per million output tokens

tokens_in, tokens_out = 3_000, 400     # prompt with retrieved context, answer
requests_per_day = 20_000

daily = requests_per_day * (tokens_in * input_price_per_m + tokens_out * output_price_per_m) / 1e6
print(f"\${daily:,.2f} per day")   # $42.00 per day
\`\`\`

Notice that input tokens dominate in retrieval-heavy applications: trimming retrieved context is often the biggest cost lever.

## Sequential calls multiply latency

Each model call adds hundreds of milliseconds to seconds. A pipeline that rewrites the query, retrieves, reranks, answers and then verifies might make four sequential calls. Run independent steps in parallel, use small fast models for simple steps such as classification, and question whether each step earns its latency.

## Choosing models

1. Prototype with the most capable model available to learn what is possible.
2. Build an evaluation set (Module 4) before optimising.
3. Try cheaper or smaller models per step and keep them where quality holds.
4. Consider open-weight models you host yourself when data residency, cost at scale or customisation requires it, and budget for the operational work that entails.

## When not to use an LLM

If the task is deterministic, such as calculating tax, validating a postcode or looking up an order status, write ordinary code. Use models where language understanding or generation adds real value, and let code handle everything that must be exact.

## Key takeaways

- Production LLM apps are systems: orchestration, retrieval, gateway, guardrails, observability, evaluation.
- Set explicit latency, cost and quality budgets and estimate costs before building.
- Minimise sequential calls, route simple steps to small models, and keep exact logic in code.
`,
        },
      ],
    },
    {
      title: "Retrieval-Augmented Generation",
      description:
        "Ground model answers in your own data with embeddings, vector search, careful chunking and retrieval evaluation.",
      lessons: [
        {
          title: "Embeddings and Vector Search",
          description:
            "Learn how embedding models represent meaning and how vector indexes find similar content quickly.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://github.com/pgvector/pgvector",
          content: `## Why retrieval

Models know nothing about your private documents and only know public facts up to their training cutoff. **Retrieval-augmented generation (RAG)** fixes this at request time: find the passages most relevant to the user's question and put them in the prompt, instructing the model to answer from them. RAG is usually cheaper, fresher and more auditable than fine-tuning a model on your data, because updating knowledge means updating an index rather than retraining.

## Embeddings

An **embedding model** maps a piece of text to a fixed-length vector such that texts with similar meaning land close together. "How do I reset my password?" and "I forgot my login credentials" share few words but produce nearby vectors.

\`\`\`python
from openai import OpenAI

client = OpenAI()
result = client.embeddings.create(
    model="text-embedding-3-small",
    input=["How do I reset my password?", "I forgot my login credentials"],
)
a, b = (item.embedding for item in result.data)
print(len(a))  # 1536 dimensions for this model
\`\`\`

Open-source alternatives run locally, which helps with privacy and cost:

\`\`\`python
from sentence_transformers import SentenceTransformer

model = SentenceTransformer("all-MiniLM-L6-v2")          # 384 dimensions, small and fast
vectors = model.encode(texts, normalize_embeddings=True)
\`\`\`

Always embed documents and queries with the **same model**; vectors from different models are not comparable.

## Measuring similarity

| Measure | Definition | Notes |
| --- | --- | --- |
| Cosine similarity | Angle between vectors, from −1 to 1 | The default for most text embeddings |
| Dot product | Sum of element-wise products | Equals cosine similarity for normalised vectors; fastest |
| Euclidean (L2) distance | Straight-line distance | Equivalent ranking to cosine for normalised vectors |

\`\`\`python
import numpy as np

def top_k(query_vec, doc_matrix, k=5):
    scores = doc_matrix @ query_vec            # vectors normalised in advance
    best = np.argsort(-scores)[:k]
    return list(zip(best, scores[best]))
\`\`\`

## Approximate nearest-neighbour indexes

Comparing a query against every vector is exact but slow at millions of documents. **Approximate nearest-neighbour (ANN)** indexes trade a little recall for large speed-ups:

- **HNSW** builds a layered graph of neighbours; fast queries and high recall at the cost of memory.
- **IVF** clusters vectors and searches only the nearest clusters; compact and tunable.
- **Quantisation** compresses vectors to reduce memory, with some accuracy loss.

You rarely implement these yourself. Options range from libraries such as FAISS, to dedicated vector databases, to vector extensions for databases you already run.

## Vectors in PostgreSQL with pgvector

If your application already uses PostgreSQL, the pgvector extension keeps vectors next to your relational data, with transactions, joins and access control for free:

\`\`\`sql
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE chunks (
  id          bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents(id),
  content     text NOT NULL,
  embedding   vector(1536) NOT NULL
);

CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops);

-- $1 is the query embedding; <=> is cosine distance
SELECT id, content, 1 - (embedding <=> $1) AS similarity
FROM chunks
ORDER BY embedding <=> $1
LIMIT 5;
\`\`\`

Filtering by metadata, such as tenant, language or access level, can then be an ordinary \`WHERE\` clause, which is essential for multi-tenant applications.

## What embeddings are bad at

Dense embeddings capture meaning but can miss exact tokens: product codes, error numbers, names and rare acronyms. A query for "error E-4012" may retrieve passages about errors in general. The next lesson combines vector search with keyword search to cover this gap.

## Key takeaways

- RAG injects relevant private or fresh content into the prompt at request time.
- Embeddings place similar meanings close together; use one model for documents and queries.
- ANN indexes such as HNSW make search fast; pgvector keeps vectors beside relational data.
- Dense retrieval misses exact identifiers, so plan for hybrid search.
`,
        },
        {
          title: "Chunking, Indexing and Retrieval Quality",
          description:
            "Design chunking, hybrid search and reranking strategies, and measure retrieval quality directly.",
          lessonType: "TEXT",
          duration: 18,
          content: `## Retrieval quality caps answer quality

If the right passage is not retrieved, even the best model cannot answer correctly, and it may confidently answer from its own memory instead. Most RAG quality problems are retrieval problems. This lesson covers the decisions that determine retrieval quality and how to measure it independently of generation.

## Chunking strategies

Documents are split into **chunks** before embedding. Chunks that are too large dilute the embedding with unrelated content and waste prompt tokens; chunks that are too small lose the context needed to understand them.

| Strategy | How it works | Good for |
| --- | --- | --- |
| Fixed size with overlap | Every N tokens, overlapping by M | Quick baseline for uniform prose |
| Structure-aware | Split on headings, sections, paragraphs | Documentation, policies, Markdown and HTML |
| Semantic | Split where the topic shifts, using embeddings | Long unstructured text |
| Parent–child | Search small chunks, return their larger parent section | Precise matching with enough context to answer |

A sensible starting point for documentation is structure-aware chunks of roughly 200–500 tokens with a small overlap, then tuning based on measurements.

## Enrich chunks with context

A chunk that reads "Set it to 30 for most deployments" is meaningless alone. Prepend the document title and section path before embedding, and store metadata for filtering:

\`\`\`python
def build_chunk(doc, section, text):
    header = f"{doc.title} > {section.path}"
    return {
        "content": f"{header}\\n\\n{text}",
        "metadata": {
            "doc_id": doc.id,
            "url": f"{doc.url}#{section.anchor}",
            "product": doc.product,
            "updated_at": doc.updated_at.isoformat(),
        },
    }
\`\`\`

Storing the URL lets the final answer cite its sources, which users and evaluators both value.

## Hybrid search

Combine dense vector search with keyword search (such as BM25) to capture both meaning and exact terms. A simple, robust way to merge the two ranked lists is **reciprocal rank fusion (RRF)**:

\`\`\`python
def reciprocal_rank_fusion(rankings: list[list[str]], k: int = 60) -> list[str]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=scores.get, reverse=True)

merged = reciprocal_rank_fusion([vector_results, keyword_results])
\`\`\`

RRF needs no score normalisation, which is why it is a popular default.

## Reranking

Retrieval is tuned for speed. A **reranker**, typically a cross-encoder model that reads the query and each candidate together, is slower but more accurate. A common pattern is to retrieve 30–50 candidates cheaply, rerank them, and keep the top 3–8 for the prompt.

## Query transformation

User questions are often poor search queries. Techniques that help:

1. **Rewrite** conversational follow-ups into standalone queries ("What about for contractors?" becomes "parental leave policy for contractors").
2. **Expand** with synonyms or generate several query variants and fuse the results.
3. **Route** to the right index or filter, for example by product or language.

Each adds a model call, so measure the gain against the latency cost.

## Measuring retrieval directly

Build a set of questions, each labelled with the chunk or document IDs that answer it, and score retrieval alone:

| Metric | Question it answers |
| --- | --- |
| Recall@k | Is a relevant chunk among the top k results? |
| MRR (mean reciprocal rank) | How high does the first relevant result appear? |
| nDCG@k | How good is the overall ordering, with graded relevance? |

\`\`\`python
def recall_at_k(results: dict[str, list[str]], gold: dict[str, set[str]], k: int = 5) -> float:
    hits = sum(1 for q, ids in results.items() if gold[q] & set(ids[:k]))
    return hits / len(results)
\`\`\`

Track these numbers whenever you change chunking, embedding model, fusion or reranking. A change that looks better in a few manual tests can quietly reduce recall.

## Keep the index fresh

Re-embed documents when they change, delete chunks for removed documents, and record the embedding model version with each vector so you can re-index cleanly when you upgrade.

## Key takeaways

- Most RAG failures are retrieval failures; measure retrieval separately.
- Use structure-aware chunks enriched with titles and metadata.
- Hybrid search with RRF plus reranking is a strong default pipeline.
- Track recall@k and MRR on a labelled question set for every retrieval change.
`,
        },
        {
          title: "Hands-on: Build a Minimal RAG Pipeline",
          description:
            "Build a small but complete retrieval-augmented question answering pipeline in Python and observe how each stage affects answers.",
          lessonType: "INTERACTIVE",
          duration: 40,
          content: `## What you will build

In about 80 lines of Python you will build a question-answering assistant over a tiny knowledge base: chunk, embed, retrieve, assemble a grounded prompt, generate and cite. Then you will deliberately break it to see how retrieval failures appear. The steps run on your own computer: you need Python 3.10+, the packages installed in Step 1, and an API key for any chat model (the code uses the OpenAI SDK; adapt the single generation function for other providers).

## Practise here

Below this lesson are three exercises that run right here in your browser, in Python with its standard library only: nothing to install and no API key. In them you build the retrieval stage yourself over the same six handbook chunks, with TF-IDF instead of a neural embedding model: cosine similarity, TF-IDF vectors, and top-k retrieval that returns nothing when nothing matches. Run your code, and the checks tell you whether it is right. TF-IDF matches exact words where the embeddings of Step 4 match meaning, so comparing the two shows what semantic search adds.

The code blocks in the steps below are for your own computer, not for the exercise editor: they need sentence-transformers, numpy and openai.

## Step 1: Install dependencies

\`\`\`bash
python -m venv .venv && source .venv/bin/activate
pip install sentence-transformers numpy openai
export OPENAI_API_KEY=...      # or configure your provider of choice
\`\`\`

## Step 2: Create a small knowledge base

\`\`\`python
DOCS = {
    "leave-policy": """# Leave policy
## Annual leave
Full-time employees receive 25 days of annual leave per calendar year.
Unused leave of up to 5 days may be carried into the next year.
## Parental leave
Employees with 6 months of service receive 20 weeks of paid parental leave.""",
    "expenses": """# Expenses
## Travel
Book travel through the internal portal. Economy class is required for flights under 6 hours.
## Meals
Meal expenses are reimbursed up to 40 EUR per day when travelling.""",
    "it-security": """# IT security
## Passwords
Passwords must be at least 14 characters. Use the company password manager.
## Lost devices
Report lost laptops or phones to the IT service desk within 1 hour.""",
}
\`\`\`

## Step 3: Chunk by section

\`\`\`python
def chunk(doc_id: str, text: str) -> list[dict]:
    title, chunks, current, body = "", [], None, []
    for line in text.splitlines():
        if line.startswith("# "):
            title = line[2:]
        elif line.startswith("## "):
            if current:
                chunks.append({"id": f"{doc_id}#{len(chunks)}", "section": current, "text": " ".join(body)})
            current, body = line[3:], []
        else:
            body.append(line)
    if current:
        chunks.append({"id": f"{doc_id}#{len(chunks)}", "section": current, "text": " ".join(body)})
    for c in chunks:
        c["content"] = f"{title} > {c['section']}\\n{c['text']}"
    return chunks

CHUNKS = [c for doc_id, text in DOCS.items() for c in chunk(doc_id, text)]
print(len(CHUNKS), "chunks")
\`\`\`

**What to observe:** six chunks, each prefixed with its document title and section, so even a short chunk carries context.

## Step 4: Embed and retrieve

\`\`\`python
import numpy as np
from sentence_transformers import SentenceTransformer

embedder = SentenceTransformer("all-MiniLM-L6-v2")
matrix = embedder.encode([c["content"] for c in CHUNKS], normalize_embeddings=True)

def retrieve(question: str, k: int = 2) -> list[tuple[dict, float]]:
    q = embedder.encode([question], normalize_embeddings=True)[0]
    scores = matrix @ q
    best = np.argsort(-scores)[:k]
    return [(CHUNKS[i], float(scores[i])) for i in best]

for c, s in retrieve("How much can I spend on food during a business trip?"):
    print(f"{s:.3f}  {c['id']}  {c['section']}")
\`\`\`

**What to observe:** the Meals chunk ranks first even though the question says "food" and "business trip" rather than "meal" and "travelling". That is semantic search at work.

## Step 5: Generate a grounded, cited answer

\`\`\`python
import os
from openai import OpenAI

client = OpenAI()

def answer(question: str) -> str:
    hits = retrieve(question, k=3)
    context = "\\n\\n".join(f"[{c['id']}]\\n{c['content']}" for c, _ in hits)
    prompt = f"""Answer the question using only the sources below.
Cite the source id in square brackets after each claim.
If the sources do not contain the answer, say "I don't know based on the handbook."

<sources>
{context}
</sources>

Question: {question}"""
    response = client.chat.completions.create(
        model=os.environ.get("LLM_MODEL", "gpt-4o-mini"),
        temperature=0,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content

print(answer("Can I carry over unused holiday?"))
print(answer("What is the dress code?"))
\`\`\`

**What to observe:** the first answer cites the leave-policy chunk; the second should decline, because nothing in the handbook covers a dress code.

## Step 6: Break it on purpose

Try each experiment and record the result:

| Experiment | Change | What you should see |
| --- | --- | --- |
| Starve retrieval | Set \`k=1\` and ask a question spanning two sections | Partial answers |
| Remove headers | Embed \`c["text"]\` instead of \`c["content"]\` | Lower similarity scores, occasional misses |
| Exact identifier | Add a chunk containing "error E-4012" and query for it | Dense search may rank it poorly |
| Remove the refusal rule | Delete the "I don't know" sentence | The dress-code question may get an invented answer |

## Step 7: Add a retrieval check

\`\`\`python
TESTS = {
    "How many weeks of parental leave do I get?": "leave-policy#1",
    "Minimum password length?": "it-security#0",
    "Lost my phone, what now?": "it-security#1",
}
hits = sum(expected in [c["id"] for c, _ in retrieve(q, k=2)] for q, expected in TESTS.items())
print(f"recall@2 = {hits / len(TESTS):.2f}")
\`\`\`

## Reflect

Write down which stage, chunking, retrieval or generation, caused each failure you observed. This habit of attributing failures to a stage is the core skill of RAG engineering.
`,
        },
      ],
    },
    {
      title: "Tools, Agents and Security",
      description:
        "Let models act through tools and agent loops, and design the defences that keep those capabilities safe.",
      lessons: [
        {
          title: "Function Calling and Tool Use",
          description:
            "Expose your own functions to a model with JSON Schemas and run the tool-call loop safely.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://platform.openai.com/docs/guides/function-calling",
          content: `## Why tools

Models are poor at exact arithmetic, cannot see live data, and cannot take actions on their own. **Tool calling** (also called function calling) lets a model request that your code runs a function with specific arguments. Your code executes it and returns the result, and the model uses that result to continue. The model never executes anything itself; your application stays in control.

## Declaring a tool

Tools are described with a name, a description and a JSON Schema for parameters. The description is effectively a prompt: it tells the model when and how to use the tool.

\`\`\`python
tools = [{
    "type": "function",
    "function": {
        "name": "get_order_status",
        "description": "Look up the current status of a customer's order by order number. "
                       "Use when the user asks where an order is or when it will arrive.",
        "parameters": {
            "type": "object",
            "properties": {
                "order_number": {
                    "type": "string",
                    "description": "Order number such as 'ORD-48213'",
                },
            },
            "required": ["order_number"],
            "additionalProperties": False,
        },
    },
}]
\`\`\`

## The tool-call loop

\`\`\`python
import json

def run_conversation(messages: list[dict]) -> str:
    for _ in range(5):                                   # hard cap on rounds
        response = client.chat.completions.create(
            model=MODEL, messages=messages, tools=tools,
        )
        msg = response.choices[0].message
        if not msg.tool_calls:
            return msg.content                           # final answer
        messages.append(msg)                             # keep the assistant's tool request
        for call in msg.tool_calls:
            args = json.loads(call.function.arguments)
            result = dispatch(call.function.name, args)  # your code, your rules
            messages.append({
                "role": "tool",
                "tool_call_id": call.id,
                "content": json.dumps(result),
            })
    return "Sorry, I couldn't complete that request."
\`\`\`

Key details: append the assistant message containing the tool calls, answer **every** tool call with a matching \`tool_call_id\`, and cap the number of rounds so a confused model cannot loop forever.

## Dispatch with validation and authorisation

The arguments come from a model that may have been manipulated, so treat them as untrusted input:

\`\`\`python
def dispatch(name: str, args: dict) -> dict:
    if name == "get_order_status":
        order_number = str(args.get("order_number", ""))
        if not ORDER_PATTERN.fullmatch(order_number):
            return {"error": "Invalid order number format"}
        order = orders.find(order_number)
        if order is None or order.customer_id != current_user.id:   # authorisation!
            return {"error": "Order not found"}
        return {"status": order.status, "eta": order.eta.isoformat()}
    return {"error": f"Unknown tool {name}"}
\`\`\`

Returning errors as tool results, rather than raising, lets the model recover gracefully, for example by asking the user to check the order number.

## Designing good tools

| Principle | Good | Risky |
| --- | --- | --- |
| Narrow scope | \`get_order_status(order_number)\` | \`run_sql(query)\` |
| Clear descriptions | When to use, argument formats, examples | Name only |
| Small, relevant results | Status and ETA | The entire order record with payment details |
| Idempotent reads | Safe to repeat | Side effects on every call |
| Explicit confirmation for writes | \`draft_refund\` then human approves | \`issue_refund\` executed immediately |

Give the model a focused set of tools for the task. Long lists of overlapping tools confuse tool selection and increase the chance of wrong calls.

## Parallel calls and forcing

Many APIs allow the model to request several tool calls in one turn, such as looking up three orders at once; run them concurrently. You can also control tool choice: let the model decide, require a particular tool (useful for structured extraction), or disable tools for a turn.

## Standardising tool access

The **Model Context Protocol (MCP)** is an open protocol for exposing tools, data and prompts to AI applications through a common interface. Instead of writing a custom integration for every app, a service can offer one MCP server that many clients can use. The security principles in this module apply equally to MCP tools: least privilege, validation and confirmation for risky actions.

## Key takeaways

- The model proposes tool calls; your code validates, authorises and executes them.
- Answer every tool call, cap the rounds, and return errors as results.
- Prefer narrow, well-described, read-only tools; require confirmation for writes.
`,
        },
        {
          title: "Agents: Loops, Planning and Guardrails",
          description:
            "Understand what makes a system agentic, when agents are worth their cost, and how to keep them bounded and observable.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://modelcontextprotocol.io/",
          content: `## What an agent is

An **agent** is a system in which a model decides, step by step, what to do next: which tool to call, what to read, when it is done. The tool-call loop from the previous lesson is the core of every agent. What changes is how much freedom the model has: how many steps, which tools and how open-ended the goal.

It helps to think of a spectrum:

| Pattern | Who controls the flow | Example |
| --- | --- | --- |
| Single call | Your code | Summarise this email |
| Workflow (chain) | Your code, fixed sequence of model calls | Extract, classify, draft reply |
| Router | Model picks one of several fixed paths | Send to billing, technical or sales workflow |
| Tool-using assistant | Model picks tools within one conversation turn | Look up an order, then answer |
| Autonomous agent | Model plans and acts over many steps | Investigate a failing test and open a pull request |

Move right only when the task genuinely requires it. Workflows are cheaper, faster, easier to test and easier to debug. Agents earn their cost on open-ended tasks where the steps cannot be known in advance.

## The agent loop

\`\`\`python
def run_agent(goal: str, tools: ToolRegistry, max_steps: int = 15, budget_usd: float = 0.50):
    messages = [system_prompt(tools), {"role": "user", "content": goal}]
    spent = 0.0
    for step in range(max_steps):
        response = call_model(messages, tools=tools.schemas())
        spent += cost_of(response)
        if spent > budget_usd:
            return stop("budget exceeded", messages)
        if response.is_final:
            return response.text
        for call in response.tool_calls:
            if tools.requires_approval(call.name):
                if not request_human_approval(call):
                    messages.append(tool_result(call, {"error": "Rejected by reviewer"}))
                    continue
            messages.append(tool_result(call, tools.execute(call)))
        trace(step, response, messages)
    return stop("step limit reached", messages)
\`\`\`

Every production agent needs the same guardrails visible in this sketch: a **step limit**, a **cost budget**, **human approval** for consequential actions, and **tracing** of every step.

## Planning and reflection

Longer tasks benefit from explicit structure:

1. **Plan first**: ask the model to write a short plan before acting, and keep it in the context so later steps can refer to it.
2. **Re-plan on surprises**: when a tool returns an error or unexpected result, ask for an updated plan rather than blind retries.
3. **Check before finishing**: a final step that verifies the goal against explicit success criteria, such as "all tests pass", catches premature "done" claims.

Where possible, make success checkable by code. An agent fixing a bug can run the test suite; that is far more reliable than the model's own judgement.

## Memory and context management

Agents accumulate tool outputs quickly and can exhaust the context window. Common techniques:

- Truncate or summarise large tool results before adding them to the conversation.
- Keep a compact "scratchpad" of facts learned and decisions made.
- Store long-term knowledge in a retrievable store rather than in the conversation.

## Multi-agent systems

Splitting work across several specialised agents, such as a researcher and a writer, can help organise complex tasks, but adds coordination overhead, cost and new failure modes. Start with one agent and good tools; add more only when evaluation shows a benefit.

## Failure modes to plan for

| Failure | Symptom | Mitigation |
| --- | --- | --- |
| Looping | Same tool called repeatedly with the same arguments | Step limits, repetition detection |
| Premature completion | Claims success without verifying | Code-checked success criteria |
| Goal drift | Wanders into unrelated work | Restate the goal; narrow the tool set |
| Unsafe actions | Deletes, sends or spends without approval | Approval gates, least privilege, sandboxing |
| Runaway cost | Long tasks with large contexts | Per-task budgets, context trimming, smaller models for sub-steps |

## Sandboxing

Agents that run code or shell commands must do so in an isolated environment: a container or virtual machine with no production credentials, restricted network access and resource limits. Assume that anything the agent can reach, an injected instruction can reach too.

## Key takeaways

- Prefer workflows; use agents for genuinely open-ended tasks.
- Bound every agent with step limits, budgets, approvals and tracing.
- Make success verifiable by code, manage context actively, and sandbox execution.
`,
        },
        {
          title: "Securing LLM Applications",
          description:
            "Threat-model an LLM application using the OWASP Top 10 for LLM Applications and apply defence in depth.",
          lessonType: "TEXT",
          duration: 18,
          resourceUrl: "https://genai.owasp.org/",
          content: `## A new attack surface

LLM applications inherit every classic web vulnerability and add new ones. The root cause of most new risks is that a model processes trusted instructions and untrusted data in the same context, and its behaviour cannot be fully specified or verified. Security therefore cannot rest on the model behaving well; it must come from the system around it.

## The OWASP Top 10 for LLM Applications

The OWASP GenAI Security Project maintains a widely used list of the most critical risks. The 2025 edition includes:

| ID | Risk | One-line summary |
| --- | --- | --- |
| LLM01 | Prompt injection | Inputs alter the model's behaviour in unintended ways, directly or via retrieved content |
| LLM02 | Sensitive information disclosure | Personal data, secrets or proprietary information leak through outputs |
| LLM03 | Supply chain | Compromised models, datasets, plugins or dependencies |
| LLM04 | Data and model poisoning | Manipulated training, fine-tuning or embedding data |
| LLM05 | Improper output handling | Model output passed unsanitised to browsers, shells, SQL or other systems |
| LLM06 | Excessive agency | Too many tools, permissions or autonomy |
| LLM07 | System prompt leakage | Secrets or security logic placed in prompts get exposed |
| LLM08 | Vector and embedding weaknesses | Access-control gaps or poisoning in retrieval stores |
| LLM09 | Misinformation | Convincing but false output that people rely on |
| LLM10 | Unbounded consumption | Abuse that drives up cost or exhausts resources |

## The dangerous combination

The highest-impact incidents combine three capabilities in one system:

1. Access to **private data** (emails, documents, databases).
2. Exposure to **untrusted content** (web pages, inbound email, user uploads).
3. A way to **communicate externally** (sending messages, making HTTP requests, rendering external images or links).

With all three, an injected instruction hidden in a document can make the assistant collect private data and send it to an attacker. Architectural rule: **never give a single context all three without a human confirmation step**, and prefer removing one capability entirely.

## Defence in depth

| Layer | Controls |
| --- | --- |
| Input | Delimit and label untrusted content; size limits; optional injection classifiers |
| Model and prompt | Narrow tasks, clear instructions; no secrets in prompts |
| Tools and agency | Least privilege, per-user authorisation inside tools, human approval for writes |
| Retrieval | Enforce document permissions at query time; filter by tenant; track provenance |
| Output | Schema validation; escape before rendering; block auto-loaded external URLs and images; never execute output directly |
| Platform | Rate limits, per-user quotas, cost alerts, audit logs, incident response plan |

## Permissions in retrieval

A common and serious bug: the vector index contains every document, and retrieval ignores who is asking. Enforce access control in the query itself:

\`\`\`sql
SELECT c.id, c.content
FROM chunks c
JOIN document_acl a ON a.document_id = c.document_id
WHERE a.principal_id = ANY($2)          -- the user's id and group ids
ORDER BY c.embedding <=> $1
LIMIT 8;
\`\`\`

Never rely on the prompt ("only use documents the user may see") for access control.

## Safe output handling

\`\`\`typescript
import { z } from "zod";

const Reply = z.object({
  answer: z.string().max(4000),
  sources: z.array(z.string().url()).max(10),
});

const parsed = Reply.safeParse(JSON.parse(modelOutput));
if (!parsed.success) throw new Error("Model output failed validation");

const allowedHosts = new Set(["docs.example.com"]);
const safeSources = parsed.data.sources.filter((u) => allowedHosts.has(new URL(u).host));
// Render parsed.data.answer as text or sanitised Markdown, never as raw HTML.
\`\`\`

## Red-teaming and monitoring

Build an adversarial test suite: direct injections, instructions hidden in retrieved documents, attempts to extract the system prompt, requests for other users' data, and cost-exhaustion inputs. Run it in CI for every prompt, model or tool change. In production, log tool calls and alert on anomalies such as unusual data volumes or repeated refusals.

## Key takeaways

- Treat the model as an untrusted component; security comes from the surrounding system.
- Avoid combining private data, untrusted content and external communication without approval steps.
- Enforce permissions in code and queries, validate and sanitise outputs, and red-team continuously.
`,
        },
      ],
    },
    {
      title: "Shipping to Production",
      description:
        "Evaluate, monitor and optimise LLM applications so they stay good, fast and affordable after launch.",
      lessons: [
        {
          title: "Evaluating LLM Applications",
          description:
            "Build layered offline and online evaluation that catches regressions in retrieval, generation and end-to-end behaviour.",
          lessonType: "TEXT",
          duration: 20,
          content: `## Evaluation is the product

In traditional software, tests tell you whether code is correct. In LLM applications, outputs vary, quality is multi-dimensional, and a change to a prompt, model, retriever or chunking strategy can improve one thing while silently breaking another. Teams that ship reliable LLM products almost always have one thing in common: a strong evaluation practice that runs on every change.

## Layers of evaluation

| Layer | What it checks | Examples |
| --- | --- | --- |
| Unit checks | Deterministic properties of outputs | Valid JSON, required fields, length limits, no banned content |
| Component evals | One stage in isolation | Retrieval recall@k, classifier accuracy, tool-selection accuracy |
| End-to-end evals | Full answers on realistic tasks | Correctness, groundedness, helpfulness, tone |
| Adversarial evals | Behaviour under attack or stress | Injection attempts, out-of-scope requests, very long inputs |
| Online metrics | Real usage | Thumbs up/down, escalation to humans, task completion, latency, cost |

## Building the evaluation set

Start small and grow continuously:

1. Write 30–50 realistic questions with reference answers and, for RAG, the IDs of the supporting documents.
2. Add edge cases: ambiguous questions, questions the system should decline, multi-part questions.
3. Add every production failure you find, once fixed, as a regression case.
4. Periodically sample real traffic (with appropriate privacy handling) to keep the set representative.

\`\`\`json
{"id": "q-014", "question": "Can contractors take parental leave?", "reference": "No; the parental leave policy applies to employees with 6 months of service.", "gold_chunks": ["leave-policy#1"], "tags": ["policy", "negative"]}
\`\`\`

## RAG-specific metrics

For retrieval-augmented systems, score retrieval and generation separately so you know which to fix:

| Metric | Question | Typical method |
| --- | --- | --- |
| Context recall | Did retrieval find the needed information? | Gold chunk IDs, recall@k |
| Context precision | How much retrieved text was relevant? | Judge model or labels |
| Faithfulness (groundedness) | Is every claim supported by the retrieved context? | Judge model checks claims against context |
| Answer correctness | Does the answer match the reference? | Judge model or human review |
| Answer relevance | Does it address the question asked? | Judge model |

## LLM-as-judge, done carefully

Judge models scale evaluation, but they have biases: favouring longer answers, the first option shown, or their own writing style. Make them trustworthy:

\`\`\`text
You are grading whether an answer is supported by the provided context.
List each factual claim in the answer. For each, write SUPPORTED or
UNSUPPORTED with a one-line reason citing the context.
Then output a final line: "faithfulness: <supported claims>/<total claims>".
\`\`\`

- Use specific rubrics with concrete levels.
- Ask for reasoning before the verdict, and parse a fixed final line.
- Validate the judge against 50–100 human-labelled examples and report agreement.
- Keep the judge's prompt and model version fixed when comparing system versions.

## Running evals in CI

Treat evaluation like a test suite that gates releases:

\`\`\`bash
python -m evals.run --suite core --model-config configs/prod.yaml --out results/candidate.json
python -m evals.compare results/baseline.json results/candidate.json --fail-on-regression 2%
\`\`\`

Deterministic checks should fail builds outright. Judged metrics are noisier, so compare against the baseline with a tolerance and require human review for borderline results.

## Online evaluation

Offline sets never capture everything. In production, monitor:

- Explicit feedback (thumbs, ratings) and implicit signals (rephrased questions, copy actions, escalations).
- Sampled conversations reviewed by people each week.
- A/B tests for significant changes, with predefined success metrics.

## Key takeaways

- Layer unit checks, component evals, end-to-end evals, adversarial tests and online metrics.
- Score retrieval and generation separately to know what to fix.
- Calibrate LLM judges against humans, and gate releases on eval results in CI.
`,
        },
        {
          title: "Observability, Caching and Cost Control",
          description:
            "Trace every model call, cache what you can, and route requests to keep latency and spend under control.",
          lessonType: "TEXT",
          duration: 16,
          content: `## You cannot fix what you cannot see

When a user reports a bad answer, you need to reconstruct exactly what happened: which prompt version, which retrieved chunks, which tool calls, which model, how many tokens and how long each step took. Without this, debugging LLM applications is guesswork. Observability is also how you find where latency and money go.

## What to record for every request

| Field | Why |
| --- | --- |
| Trace ID linking all steps | Reconstruct the full chain |
| Prompt template name and version | Attribute quality changes to prompt changes |
| Model name and parameters | Compare models; reproduce behaviour |
| Retrieved chunk IDs and scores | Diagnose retrieval failures |
| Tool calls with arguments and results | Audit actions; debug agents |
| Input and output tokens, cost | Track spend per feature and per user |
| Latency per step and time to first token | Find bottlenecks |
| User feedback | Connect quality signals to traces |

Open standards help: OpenTelemetry has semantic conventions for generative AI spans, and many LLM observability tools accept them. Apply your privacy policy to traces, redacting or limiting retention of personal data.

\`\`\`python
from opentelemetry import trace

tracer = trace.get_tracer("docs-assistant")

with tracer.start_as_current_span("answer_question") as span:
    span.set_attribute("prompt.version", "answer-v7")
    chunks = retrieve(question)
    span.set_attribute("retrieval.chunk_ids", [c.id for c in chunks])
    response = generate(question, chunks)
    span.set_attribute("llm.usage.input_tokens", response.usage.prompt_tokens)
    span.set_attribute("llm.usage.output_tokens", response.usage.completion_tokens)
\`\`\`

## Caching

Caching is the cheapest latency and cost win, applied at several levels:

1. **Exact-match response cache**: identical request, identical answer. Key on the normalised input plus prompt version and model; great for FAQs and repeated tool lookups.
2. **Provider prompt caching**: many providers discount repeated prompt prefixes such as long system prompts or shared documents, and serve them faster. Put stable content first and variable content last to benefit.
3. **Embedding cache**: never re-embed unchanged text; key on a hash of the content and the embedding model version.
4. **Semantic cache**: reuse answers for questions that are similar but not identical. Use conservative thresholds, because "cancel my order" and "don't cancel my order" can be close in embedding space.

\`\`\`python
import hashlib, json

def cache_key(prompt_version: str, model: str, payload: dict) -> str:
    raw = json.dumps({"v": prompt_version, "m": model, "p": payload}, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()
\`\`\`

Never share cached answers across users when responses depend on permissions or personal data.

## Controlling cost

| Lever | Typical impact | Trade-off |
| --- | --- | --- |
| Route easy requests to a small model | Large savings on high-volume traffic | Needs a reliable router and evals |
| Trim retrieved context | Fewer input tokens on every call | Risk of dropping needed information |
| Cap \`max_tokens\` and ask for concise answers | Lower output cost and latency | Truncation if set too low |
| Batch APIs for offline jobs | Substantial discounts from several providers | Results arrive hours later |
| Prompt caching | Cheaper, faster repeated prefixes | Requires stable prompt structure |
| Per-user quotas and rate limits | Prevents abuse and runaway bills | Must be tuned to real usage |

Set budget alerts at the provider and in your own metrics, and report cost per successful task rather than cost per call, since a cheap model that fails twice is not cheap.

## Latency tactics

- Stream responses and show progress for tool steps.
- Parallelise independent calls, such as retrieval and query classification.
- Use smaller models for intermediate steps and keep the strongest model for the final answer.
- Place stable prompt content first to benefit from prefix caching.

## Key takeaways

- Trace every step with prompt versions, retrieved IDs, tool calls, tokens, cost and latency.
- Cache responses, prefixes and embeddings, respecting per-user data boundaries.
- Route, trim and batch to cut costs, and measure cost per successful task.
`,
        },
        {
          title: "Quiz: LLM Application Engineering",
          description:
            "Twelve scenario-based graded questions on APIs, RAG, tools, agents, security, evaluation and operations.",
          lessonType: "QUIZ",
          duration: 12,
          content: `## Instructions

Most questions describe a realistic engineering situation and ask for the single best answer. One asks you to select every option that applies and is worth 2 points, with partial credit: each correct option you choose earns a share of the points and each wrong one cancels a share. One asks for a number and one for a short typed answer. You need **70 %** of the points to pass, and passing completes this lesson.

There is no time limit, and you have **3 attempts**. After each attempt you see the correct answers with an explanation that points back to the relevant lesson.

## What the quiz covers

- Calling model APIs, streaming and latency
- Retrieval quality, hybrid search and retrieval metrics
- Tool use, workflows and agents
- Security: prompt injection, exfiltration and access control
- Evaluation, caching and cost per successful task

## Scoring guide

| Score | Readiness | Next step |
| --- | --- | --- |
| 90–100 % | Ready to ship | Start the capstone |
| 70–89 % | Passed: strong, with a few gaps | Review the missed topics, then start the capstone |
| Below 70 % | Needs consolidation | Revisit Modules 2 and 3, then retake the quiz |
`,
        },
        {
          title: "Capstone: Ship a Documentation Assistant",
          description:
            "Design, build, evaluate and harden a retrieval-augmented documentation assistant with citations, tools and production telemetry.",
          lessonType: "ASSIGNMENT",
          duration: 45,
          content: `## The brief

Build a documentation assistant for a real, publicly available body of documentation of your choice, such as an open-source project's docs, a public API reference or a government guidance site, containing at least 50 pages. The assistant answers questions with citations, declines when the documentation does not cover a question, and can use at least one tool. You will then prove it works with an evaluation suite and harden it against attacks.

This is a portfolio project. Build it as you would for a real team: readable code, documented decisions, reproducible results.

## Functional requirements

1. **Ingestion**: a script that downloads or reads the docs, chunks them with a structure-aware strategy, embeds them and stores them in a vector index (pgvector, a vector database or an in-process index).
2. **Retrieval**: hybrid search (vector plus keyword) with reciprocal rank fusion; optional reranking.
3. **Answering**: streamed answers that cite source URLs for every claim, and a clear refusal when sources are insufficient.
4. **Tool use**: at least one tool, for example \`search_docs\` for iterative lookups, \`get_page(url)\` for fetching a full page, or a version lookup.
5. **Interface**: a minimal web UI or CLI.

## Non-functional requirements

- Every request is traced with prompt version, retrieved chunk IDs, tokens, cost and latency.
- Timeouts and retries with backoff on all model calls; \`max_tokens\` always set.
- No API keys in client code or in the repository.
- Retrieved content is treated as untrusted: delimited, never executed, and rendered safely.

## Evaluation requirements

Create \`evals/\` containing:

- At least **40 questions** with reference answers and gold source URLs, including 8 questions the docs do **not** answer.
- At least **6 adversarial cases**: injected instructions inside a test document, system-prompt extraction attempts, and off-topic requests.
- A runner that reports recall@5, faithfulness, answer correctness, refusal accuracy, p50 and p95 latency, and average cost per question.

\`\`\`bash
python -m ingest --source ./docs --index data/index
python -m evals.run --suite all --out results/final.json
\`\`\`

Summarise your results in a table like this:

| Metric | Target | Achieved |
| --- | --- | --- |
| Retrieval recall@5 | ≥ 0.85 | |
| Faithfulness | ≥ 0.90 | |
| Answer correctness | ≥ 0.80 | |
| Correct refusals on unanswerable questions | ≥ 7 of 8 | |
| Adversarial cases handled safely | 6 of 6 | |
| p95 latency | ≤ 8 s | |
| Average cost per question | ≤ $0.01 | |

## Deliverables

- A repository with a README covering setup, architecture diagram, design decisions and known limitations.
- The evaluation suite and a results file from your final run.
- A short report (two pages or a five-minute video) covering one retrieval improvement you made and its measured effect, one security issue you found and fixed, and what you would do next.

Hand in a link to the repository, and the report as your written answer (or a link to the video).

## Grading rubric

Your instructor reviews your work against the rubric shown with the assignment below: four criteria worth 100 points in all, with what each level looks like. Work that meets the brief passes, which completes this lesson; otherwise it comes back with feedback, and you revise it and hand it in again.

## Tips

- Build the evaluation set in week one; it will guide every later decision.
- Get a thin end-to-end slice working first, then improve the weakest stage according to your metrics.
- Keep a decision log: what you tried, what the numbers said, what you kept.
- Respect the documentation's licence and robots rules when downloading it, and cache pages locally rather than fetching them repeatedly.
`,
        },
      ],
    },
  ],
};
