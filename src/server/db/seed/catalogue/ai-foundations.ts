import type { DemoCourse } from "./types";

export const course: DemoCourse = {
  slug: "ai-foundations",
  title: "AI Foundations: How Modern AI Works",
  description:
    "A friendly, jargon-free tour of how modern AI actually works, from the history of the field to the machine learning ideas behind today's chatbots. You will learn how models learn from data, what a neural network is, and how large language models turn text into predictions. The course closes with the limitations, risks and responsible habits every AI user needs. No maths or programming background is required.",
  difficulty: "BEGINNER",
  priceCents: 0,
  featured: true,
  publishedDaysAgo: 184,
  metaTitle: "AI Foundations: How Modern AI Works | Free Course",
  metaDescription:
    "A free beginner course on how modern AI works: machine learning, neural networks, large language models, their limits and how to use them responsibly.",
  imageUrl: "/covers/ai-foundations.svg",
  instructorKey: "ada",
  learningObjectives: [
    "Explain the difference between AI, machine learning, deep learning and generative AI in plain language",
    "Describe how a model learns from data using features, labels, a loss function and training",
    "Explain why we split data into training, validation and test sets and recognise overfitting",
    "Describe how large language models use tokens, embeddings and attention to predict text",
    "Identify common failure modes such as hallucination and bias, and apply practical safeguards",
    "Evaluate whether a real-world task is a good fit for AI and write a short use-case brief",
  ],
  prerequisites: [
    "No programming required",
    "Comfort with basic arithmetic and reading simple charts",
    "A web browser; a free Google account is helpful for the optional hands-on notebook",
  ],
  modules: [
    {
      title: "What AI Is (and Isn't)",
      description:
        "Get oriented: what the field of artificial intelligence covers, where it came from, and how the key terms fit together.",
      lessons: [
        {
          title: "Welcome to AI Whisperers",
          description:
            "A 12-second welcome video and its notes (a three-minute read): how the course is organised and how to get the most out of it.",
          lessonType: "VIDEO",
          // The video plays 12 seconds; its 520 words of notes take about three minutes to read.
          duration: 3,
          videoUrl: "/media/welcome-to-ai-whisperers.webm",
          content: `## About this video

This short welcome video introduces the course, the way each module is structured, and the learning habits that will help you finish it. The notes below summarise everything covered, so you can skim them later as a reference or read them instead of watching.

## Why this course exists

AI tools went from research labs to everyday products in only a few years. Most people now use them at work or at home, yet very few have a clear mental model of what is happening when a chatbot answers a question or a photo app recognises a face. That gap causes two opposite problems:

- **Over-trust**: accepting confident answers that are wrong, or handing sensitive decisions to a system that was never designed for them.
- **Under-use**: dismissing tools that could save hours every week because they seem mysterious or unreliable.

The goal of AI Foundations is to replace both with *calibrated* confidence. By the end you should be able to explain, in your own words, how modern AI systems learn, what they are good at, and where they break.

## How the course is organised

| Module | Theme | What you will be able to do |
| --- | --- | --- |
| 1. What AI Is (and Isn't) | History and vocabulary | Place today's tools in context and use the key terms correctly |
| 2. How Machines Learn | Core machine learning ideas | Explain training, testing and neural networks without formulas |
| 3. Large Language Models | How chatbots work | Describe tokens, embeddings, attention and next-token prediction |
| 4. Using AI Responsibly | Limits and good habits | Spot failure modes and write a responsible use-case brief |

Each module mixes short reading lessons with one activity: a quiz, a hands-on notebook or a written assignment. Lessons take between 8 and 30 minutes, so you can fit one into a coffee break.

## How to get the most out of it

1. **Go in order.** Later lessons build on earlier vocabulary, especially in Module 3.
2. **Keep a notes file.** After each lesson, write two or three sentences explaining the main idea as if to a friend. If you cannot, reread the summary section.
3. **Try things.** Whenever a lesson describes a behaviour, such as a model inventing a citation, try to reproduce it with a chatbot you have access to.
4. **Do the activities.** The quiz and the final assignment are where understanding turns into skill.
5. **Ask questions.** Write them down as you go: your instructor reads every assignment you hand in and answers in the feedback, and explaining your confusion in writing is often the fastest way to resolve it.

## What you do not need

You do not need to write code, know calculus or own special hardware. A few lessons show short Python snippets to make ideas concrete, but each one is explained line by line, and the single hands-on exercise runs in a free browser notebook (Google Colab), so there is nothing to install. If you never run a line of code, you can still complete the course.

## Key takeaways

- The course aims for calibrated confidence: knowing both the power and the limits of AI.
- Four modules move from history and vocabulary to learning, language models and responsible use.
- Short lessons, one activity per module, and a notes habit are the recommended way through.
`,
        },
        {
          title: "A Short History of AI",
          description:
            "Trace the ideas, setbacks and breakthroughs that led from 1950s symbolic AI to today's large language models.",
          lessonType: "TEXT",
          duration: 15,
          content: `## Why history matters

Artificial intelligence is not a sudden invention. Today's chatbots sit on top of seventy years of ideas, many of which were abandoned and later revived. Knowing that history helps you judge new claims: the field has been through cycles of excitement and disappointment before, and the reasons for each swing are instructive.

## The symbolic era (1950s–1980s)

In 1950 Alan Turing published *Computing Machinery and Intelligence*, asking whether machines can think and proposing what we now call the Turing test. In 1956 a summer workshop at Dartmouth College, organised by John McCarthy, Marvin Minsky, Nathaniel Rochester and Claude Shannon, gave the field its name.

Early researchers were optimistic. They believed intelligence could be captured by **symbols and rules**: if you write down enough logic about the world, a computer can reason with it. This produced real successes, such as programs that proved theorems and, in the 1980s, **expert systems** that encoded specialists' knowledge as if-then rules for tasks like configuring computer orders.

Rules turned out to be brittle. Every exception needed another rule, and the real world has endless exceptions. Funding cuts followed disappointing results, producing the so-called **AI winters** of the mid-1970s and the late 1980s.

## The learning turn (1980s–2000s)

A different tradition asked machines to *learn* patterns from examples instead of following hand-written rules. Frank Rosenblatt's **perceptron** (1958) was an early learning machine inspired loosely by neurons. In 1986 Rumelhart, Hinton and Williams popularised **backpropagation**, a method for training networks with several layers.

Through the 1990s and 2000s, statistical machine learning quietly took over practical problems: spam filtering, recommendation engines, credit scoring and speech recognition. In 1997 IBM's Deep Blue beat world chess champion Garry Kasparov, though it relied mostly on search and handcrafted evaluation rather than learning.

## The deep learning boom (2012–2020)

Three ingredients came together around 2012:

1. **Data**: the web produced enormous labelled datasets such as ImageNet.
2. **Compute**: graphics processors (GPUs) made training large networks practical.
3. **Algorithms**: better activation functions, initialisation and regularisation made deep networks trainable.

In 2012 a deep network called AlexNet won the ImageNet image recognition challenge by a wide margin, and the field pivoted almost overnight. In 2016 DeepMind's AlphaGo defeated Lee Sedol at Go, a game long considered too intuitive for computers. In 2017 researchers at Google published *Attention Is All You Need*, introducing the **transformer** architecture that powers today's language models.

## The generative era (2020–today)

Scaling transformers on huge amounts of text produced models that could write, summarise, translate and code. GPT-3 (2020) showed that a single model could perform many tasks from a few examples in the prompt. ChatGPT, released in November 2022, put a conversational interface on this technology and reached a mass audience within weeks. Since then, many labs have released increasingly capable models, including open-weight models anyone can download, models that handle images and audio, and "reasoning" models that spend extra computation thinking before they answer.

## Milestones at a glance

| Year | Milestone | Why it mattered |
| --- | --- | --- |
| 1950 | Turing's "Computing Machinery and Intelligence" | Framed the question of machine intelligence |
| 1956 | Dartmouth workshop | Named the field and set its agenda |
| 1958 | Perceptron | Early machine that learned from examples |
| 1986 | Backpropagation popularised | Made multi-layer networks trainable |
| 1997 | Deep Blue beats Kasparov | Search-based AI wins at chess |
| 2012 | AlexNet wins ImageNet | Start of the deep learning boom |
| 2017 | Transformer architecture | Foundation of modern language models |
| 2022 | ChatGPT launches | Generative AI reaches the public |

## Key takeaways

- AI has moved from hand-written rules to systems that learn from data.
- Progress came from data, compute and algorithms improving together.
- Hype cycles are normal; judge new claims by evidence, not excitement.
`,
        },
        {
          title: "AI, Machine Learning and Deep Learning: Untangling the Terms",
          description:
            "Learn precisely what AI, machine learning, deep learning and generative AI mean and how they relate.",
          lessonType: "TEXT",
          duration: 14,
          content: `## A vocabulary problem

News articles use "AI", "machine learning", "algorithms" and "neural networks" almost interchangeably. They are related but not identical, and using them precisely will make every later lesson easier. The simplest picture is a set of nested circles, each one inside the previous:

\`\`\`text
Artificial intelligence
└── Machine learning
    └── Deep learning
        └── Generative AI (e.g. large language models, image generators)
\`\`\`

## Artificial intelligence

**Artificial intelligence** is the broad goal of building systems that perform tasks we associate with human intelligence: perceiving, reasoning, planning, understanding language and acting. It says nothing about *how*. A chess engine that searches millions of positions and a hand-written route planner both count as AI.

## Machine learning

**Machine learning (ML)** is the approach where, instead of writing the rules ourselves, we give a program examples and let it find the rules. Compare two ways of building a spam filter:

\`\`\`text
Rule-based approach (written by a person):
  IF subject contains "WINNER" AND sender is unknown THEN spam

Machine learning approach (learned from data):
  Show the program 100,000 emails labelled "spam" or "not spam".
  It learns which combinations of words, senders and links predict spam.
\`\`\`

The learned filter adapts to patterns no person would think to write down, and it can be retrained when spammers change tactics.

There are three classic styles of machine learning:

| Style | What the data looks like | Everyday example |
| --- | --- | --- |
| Supervised learning | Inputs paired with correct answers (labels) | Predicting house prices from past sales |
| Unsupervised learning | Inputs without labels | Grouping customers with similar shopping habits |
| Reinforcement learning | Actions and rewards from an environment | A game-playing agent learning from wins and losses |

A fourth idea, **self-supervised learning**, is central to modern AI. The labels come from the data itself: hide the next word of a sentence and ask the model to predict it. Because any text can be turned into training examples this way, models can learn from enormous amounts of unlabelled data.

## Deep learning

**Deep learning** is machine learning with **neural networks that have many layers**. Each layer transforms its input into a slightly more useful representation. In an image model, early layers detect edges, middle layers detect shapes, and later layers detect objects. Deep learning shines when data is plentiful and unstructured, such as images, audio and text.

## Generative AI

**Generative AI** refers to models that produce new content: text, images, audio, video or code. Large language models (LLMs) such as the ones behind modern chatbots are generative models trained on text. They are deep learning models, which are machine learning models, which are one kind of AI.

## Narrow and general AI

Every system in production today is **narrow** in an important sense: it was trained for a particular kind of task and can fail in surprising ways outside it. LLMs are unusually *broad*, since one model can draft emails, explain code and summarise legal text, but broad is not the same as reliable. **Artificial general intelligence (AGI)**, meaning a system that matches humans across essentially all cognitive tasks, is a research goal and a subject of active debate, not a product you can buy.

## Quick self-check

Classify each system using the most specific term that applies:

1. A thermostat that turns heating on below 19 °C.
2. A bank model that predicts loan default from past repayment records.
3. A photo app that recognises your friends' faces.
4. A chatbot that writes a poem on request.

Suggested answers: (1) a simple rule-based program, arguably not AI at all; (2) supervised machine learning; (3) deep learning; (4) generative AI.

## Key takeaways

- AI is the goal; machine learning is a way of reaching it by learning from data.
- Deep learning uses many-layered neural networks; generative AI creates new content.
- Self-supervised learning lets models learn from unlabelled text at massive scale.
`,
        },
      ],
    },
    {
      title: "How Machines Learn",
      description:
        "Understand the core loop of machine learning: data, models, training, evaluation and the neural networks that power modern AI.",
      lessons: [
        {
          title: "Learning from Data: Features, Labels and Models",
          description:
            "See how a model turns examples into predictions by adjusting its parameters to reduce a loss.",
          lessonType: "TEXT",
          duration: 18,
          content: `## The core idea

Every supervised machine learning system follows the same recipe: collect examples where you know the right answer, choose a model with adjustable settings, and tune those settings until the model's answers match the known answers as closely as possible. This lesson names each ingredient so you can recognise it in any AI system.

## Features and labels

Imagine predicting the sale price of flats in a city. Each past sale is one **example**. The facts you know about it are **features**, and the value you want to predict is the **label** (also called the target).

| Floor area (m²) | Bedrooms | Distance to centre (km) | Has balcony | Sale price (label) |
| --- | --- | --- | --- | --- |
| 54 | 1 | 3.2 | yes | 310,000 |
| 78 | 2 | 5.0 | no | 365,000 |
| 102 | 3 | 8.5 | yes | 420,000 |
| 66 | 2 | 1.1 | no | 455,000 |

Choosing good features is half the work. Distance to the centre clearly matters; the colour of the front door probably does not. In deep learning, models can learn useful features from raw data such as pixels or words, which is one reason deep learning became so powerful.

## Models and parameters

A **model** is a function that maps features to a prediction. The simplest useful model is a straight line:

\`\`\`text
predicted price = w × floor area + b
\`\`\`

Here \`w\` (weight) and \`b\` (bias) are **parameters**: numbers the model learns. A model for flats might have a handful of parameters; a large language model has billions. The principle is the same: parameters are the knobs, and learning means turning them.

## Loss: measuring how wrong we are

To improve, the model needs a score for how wrong it is. That score is the **loss**. For prices, a common choice is the mean squared error: take each prediction's error, square it so negatives do not cancel positives, and average.

\`\`\`python
actual    = [310_000, 365_000, 420_000]
predicted = [300_000, 380_000, 410_000]

errors = [p - a for p, a in zip(predicted, actual)]
mse = sum(e ** 2 for e in errors) / len(errors)
print(mse)  # about 141,666,667 -> lower is better
\`\`\`

You do not need to run this code. The point is that loss turns "how good is my model?" into a single number a computer can minimise.

## Training: turning the knobs

**Training** is the process of adjusting parameters to reduce the loss. The workhorse method is **gradient descent**:

1. Start with random parameter values.
2. Make predictions for a batch of examples and compute the loss.
3. Work out, for each parameter, which direction of change would reduce the loss (the gradient).
4. Nudge every parameter a small step in that direction. The step size is the **learning rate**.
5. Repeat thousands or millions of times.

A helpful picture is a hiker in fog trying to reach the bottom of a valley: they cannot see the whole landscape, but they can feel which way the ground slopes under their feet and take a step downhill.

## Inference: using the model

Once trained, the model's parameters are frozen and it is used to make predictions on new examples. This phase is called **inference**. When you chat with an AI assistant, you are running inference; the expensive training happened months earlier.

| Phase | What happens | Cost |
| --- | --- | --- |
| Training | Parameters are adjusted using many labelled examples | Very high, done rarely |
| Inference | Frozen model makes predictions on new inputs | Low per request, done constantly |

## Key takeaways

- Examples have features (inputs) and labels (correct answers).
- A model is a function with parameters; training adjusts them to minimise a loss.
- Gradient descent takes many small downhill steps; inference uses the finished model.
`,
        },
        {
          title: "Training, Validation and Testing",
          description:
            "Learn why models are judged on data they have never seen and how to recognise overfitting and underfitting.",
          lessonType: "TEXT",
          duration: 16,
          content: `## The exam analogy

Imagine a student who prepares for an exam by memorising the answers to last year's paper. If this year's exam reuses the same questions, they score perfectly, but they have learned nothing transferable. Machine learning models can do exactly the same thing. The real goal is **generalisation**: performing well on new examples the model has never seen.

## Three data splits

To measure generalisation honestly, practitioners divide their data before training:

| Split | Typical share | Used for | Analogy |
| --- | --- | --- | --- |
| Training set | 60–80% | Adjusting the model's parameters | Textbook exercises |
| Validation set | 10–20% | Comparing models and choosing settings | Practice exams |
| Test set | 10–20% | One final, unbiased estimate of performance | The real exam |

The golden rule is that the **test set is touched once**, at the very end. If you keep checking test scores and tweaking your model, you are slowly fitting to the test set and your final number will be too optimistic.

In Python, splitting data is usually one line with the scikit-learn library:

\`\`\`python
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=42
)
\`\`\`

\`X\` holds the features, \`y\` the labels, and \`random_state\` makes the shuffle repeatable.

## Overfitting and underfitting

Two failure modes appear again and again:

- **Underfitting**: the model is too simple to capture the pattern. It scores poorly on training *and* validation data. Example: using a straight line to model something that clearly curves.
- **Overfitting**: the model is so flexible that it memorises noise in the training data. It scores brilliantly on training data and poorly on validation data.

\`\`\`text
                 Training error    Validation error
Underfitting     high              high
Good fit         low               low (slightly higher than training)
Overfitting      very low          high
\`\`\`

The gap between training and validation performance is the single most useful diagnostic a beginner can learn to read.

## How practitioners fight overfitting

1. **More data**: the more varied examples, the harder it is to memorise.
2. **Simpler models**: fewer parameters or shallower trees.
3. **Regularisation**: penalties that discourage extreme parameter values.
4. **Early stopping**: halt training when validation error starts rising.
5. **Data augmentation**: for images, create new training examples by flipping, cropping or recolouring existing ones.

## Data leakage: the silent killer

**Leakage** happens when information that would not be available at prediction time sneaks into training. Classic examples:

- Predicting whether a patient has a disease using a feature that records the treatment they received for it.
- Randomly splitting time-series data so the model trains on next month and is tested on last month.
- The same customer appearing in both training and test sets, so the model recognises them rather than learning a pattern.

Leakage produces spectacular test scores that collapse in the real world. When results look too good to be true, check for leakage first.

## What this means for large language models

The same ideas apply to chatbots. Published benchmark scores can be inflated if test questions leaked into the training data, a problem researchers call **contamination**. That is one reason to test a model on *your own* tasks rather than trusting leaderboard numbers alone.

## Key takeaways

- The goal is generalisation, measured on data the model has never seen.
- Use separate training, validation and test sets, and touch the test set once.
- Watch the gap between training and validation error to diagnose over- and underfitting.
- Suspiciously good results often mean data leakage.
`,
        },
        {
          title: "Neural Networks Without the Math Anxiety",
          description:
            "Build an intuitive picture of neurons, layers, activations and backpropagation without any formulas you need to memorise.",
          lessonType: "TEXT",
          duration: 20,
          content: `## From a line to a network

In the previous lessons, a model was a simple formula like \`price = w × area + b\`. A neural network is the same idea repeated and stacked: many small formulas, each feeding into the next, with a twist that lets the whole system represent curved, complicated patterns.

## The artificial neuron

An artificial neuron does three things:

1. Multiplies each input by a **weight** (how much that input matters).
2. Adds them up, together with a **bias**.
3. Passes the total through an **activation function** that decides how strongly the neuron "fires".

\`\`\`python
def neuron(inputs, weights, bias):
    total = sum(x * w for x, w in zip(inputs, weights)) + bias
    return max(0.0, total)  # ReLU activation: negative totals become 0

print(neuron([0.5, 0.8], [1.2, -0.4], 0.1))  # about 0.38
\`\`\`

The activation is the crucial twist. Without it, stacking layers would just produce another straight line. With a non-linear activation such as **ReLU** (which zeroes out negative values), a network can bend and combine lines into almost any shape.

## Layers

Neurons are organised into layers:

- **Input layer**: receives the raw features, such as pixel values or word representations.
- **Hidden layers**: transform the data step by step into more useful representations.
- **Output layer**: produces the prediction, for example a probability for each possible class.

\`\`\`text
 inputs        hidden layer 1     hidden layer 2     output
 [pixel 1] ──▶ (n) (n) (n) (n) ──▶ (n) (n) (n)  ──▶ [cat 0.92]
 [pixel 2] ──▶                                      [dog 0.08]
 [  ...  ]
\`\`\`

"Deep" learning simply means there are many hidden layers. Each layer learns features built on the previous layer's features, which is why deep networks can go from pixels to edges to shapes to "this is a cat".

## How a network learns: backpropagation

Training a network uses the gradient descent loop from earlier, with one extra trick for efficiency:

1. **Forward pass**: feed an example through the network and get a prediction.
2. **Loss**: compare the prediction to the correct label.
3. **Backward pass (backpropagation)**: work backwards from the loss, calculating how much each weight contributed to the error.
4. **Update**: nudge every weight slightly to reduce the error.

Backpropagation is essentially careful bookkeeping of blame. Modern libraries such as PyTorch and JAX compute it automatically, so practitioners rarely write it by hand.

## Scale: why size matters

| Model | Approximate parameters | Typical use |
| --- | --- | --- |
| Small image classifier | 1–25 million | Recognising objects on a phone |
| Speech recognition model | 40 million – 1.5 billion | Transcribing audio |
| Open-weight language model | 1 – 400+ billion | Chat, coding, summarisation |

More parameters let a network store more patterns, but they also demand more data and compute to train. Much of the progress since 2018 came from carefully scaling up all three together.

## Common network families

| Architecture | Strength | Examples |
| --- | --- | --- |
| Feed-forward (MLP) | Tabular data, small tasks | Basic classifiers |
| Convolutional (CNN) | Images and spatial patterns | Photo tagging, medical imaging |
| Recurrent (RNN, LSTM) | Sequences, older approach | Early translation systems |
| Transformer | Sequences with long-range context | Language models, modern vision models |

## A healthy dose of scepticism

Neural networks are inspired by the brain only loosely. An artificial neuron is a few multiplications and an addition, far simpler than a biological neuron, and networks learn very differently from children. Treat brain analogies as a teaching aid, not a scientific claim.

## Key takeaways

- A neuron weights its inputs, adds a bias and applies a non-linear activation.
- Layers stack neurons so the network can learn increasingly abstract features.
- Backpropagation assigns blame for errors so gradient descent can update every weight.
`,
        },
        {
          title: "Quiz: How Machines Learn",
          description:
            "Check your understanding of features, training, evaluation and neural networks with twelve graded questions.",
          lessonType: "QUIZ",
          duration: 12,
          content: `## Instructions

This graded quiz has twelve questions on Module 2. Most have one best answer; two are true or false, and one asks you to type a one-word answer (spelling counts, capitals do not). You need **70 %** to pass, and passing completes this lesson.

There is no time limit, and you may take the quiz as many times as you like. Try to answer from memory first. After each attempt you see which questions you got right, with an explanation for each that points back to the lesson to revisit; the correct answers are shown once you pass.

## What the quiz covers

- Features, labels, parameters and the loss function (Learning from Data)
- Gradient descent, the learning rate and inference
- Training, validation and test sets, overfitting and data leakage (Training, Validation and Testing)
- Neurons, activation functions and backpropagation (Neural Networks Without the Math Anxiety)
- Self-supervised learning

## Scoring guide

| Score | What it means | Suggested next step |
| --- | --- | --- |
| 90–100 % | Excellent grasp of the fundamentals | Continue to Module 3 |
| 70–89 % | Passed, with a gap or two | Reread the explanations for missed questions |
| Below 70 % | Core ideas need reinforcing | Revisit the Module 2 lessons, then try again |
`,
        },
      ],
    },
    {
      title: "Large Language Models",
      description:
        "Open the hood of modern chatbots: tokens, embeddings, attention, and how training turns a text predictor into a helpful assistant.",
      lessons: [
        {
          title: "Tokens, Embeddings and Next-Token Prediction",
          description:
            "Understand how language models break text into tokens, represent them as vectors, and generate text one token at a time.",
          lessonType: "TEXT",
          duration: 18,
          content: `## The one-sentence summary

A large language model (LLM) is a neural network trained to predict the next piece of text given everything before it. Almost every capability you see, from answering questions to writing code, emerges from doing that one task extremely well at enormous scale. This lesson explains the three building blocks: tokens, embeddings and generation.

## Tokens: how models see text

Models do not read letters or whole words. They read **tokens**: chunks of text produced by a tokenizer. Common words are usually a single token, while rare words are split into pieces.

\`\`\`text
Text:    "Tokenization isn't magical"
Tokens:  ["Token", "ization", " isn", "'t", " magical"]
\`\`\`

The exact split depends on the model's tokenizer, but some rules of thumb hold for English:

| Measure | Approximate equivalent |
| --- | --- |
| 1 token | about 4 characters, or three-quarters of a word |
| 100 tokens | about 75 words |
| 1,000 tokens | about one and a half pages of prose |

Tokens matter in practice because models have a **context window**, a maximum number of tokens they can consider at once, and because commercial APIs charge per token. Languages other than English, code and unusual formatting often use more tokens per word.

## Embeddings: turning tokens into numbers

Neural networks operate on numbers, so each token is mapped to a long list of numbers called an **embedding vector**, often with thousands of dimensions. During training, tokens used in similar contexts end up with similar vectors. In this learned space, "Paris" sits near other capital cities and "running" sits near "jogging".

Embeddings are useful far beyond chatbots. Search engines use them to find documents that *mean* the same thing as a query even when they share no words, a technique called semantic search.

## Next-token prediction

Given a sequence of tokens, the model outputs a **probability for every token in its vocabulary** (often 50,000 to 200,000 possibilities). For the prompt "The capital of France is", the distribution might look like this:

| Candidate next token | Probability |
| --- | --- |
| " Paris" | 0.91 |
| " a" | 0.03 |
| " located" | 0.02 |
| " the" | 0.01 |
| everything else | 0.03 |

To generate text, the system picks a token, appends it to the input, and repeats. This loop is called **autoregressive generation**:

\`\`\`text
1. "The capital of France is"            -> picks " Paris"
2. "The capital of France is Paris"      -> picks "."
3. "The capital of France is Paris."     -> picks an end-of-text token and stops
\`\`\`

## Sampling settings

How the next token is picked is controlled by sampling settings you will see in many tools:

- **Temperature** rescales the probabilities. Low values (0–0.3) make output focused and repeatable; higher values (0.8–1.2) make it more varied and creative.
- **Top-p (nucleus sampling)** only considers the smallest set of tokens whose probabilities add up to p, such as 0.9, cutting off the unlikely tail.
- **Maximum tokens** caps the length of the response.

Because generation involves sampling, asking the same question twice can produce different answers. That is expected behaviour, not a bug.

## From predictor to assistant

A model trained only on next-token prediction, called a **base model**, continues text but does not follow instructions reliably. Assistants are built in further stages:

1. **Pre-training** on trillions of tokens of public and licensed text, code and other data.
2. **Supervised fine-tuning** on example conversations written or curated by people.
3. **Preference training**, such as reinforcement learning from human feedback (RLHF), where the model learns which of two responses people prefer.

## Key takeaways

- Models read tokens, not words; context windows and prices are measured in tokens.
- Embeddings represent tokens as vectors where similar meanings sit close together.
- Text is generated one token at a time by sampling from a probability distribution.
`,
        },
        {
          title: "Transformers and Attention in Plain Language",
          description:
            "Discover how the transformer architecture uses attention to let every word look at every other word.",
          lessonType: "TEXT",
          duration: 20,
          content: `## The problem transformers solved

Language is full of long-range connections. In "The trophy didn't fit in the suitcase because it was too big", you need to link "it" back to "trophy" to understand the sentence. Earlier sequence models, called recurrent neural networks (RNNs), read text one word at a time and squeezed everything they had seen into a single running memory. Information from early words faded, and training was slow because each step had to wait for the previous one.

The **transformer**, introduced in 2017, replaced that step-by-step reading with a mechanism called **attention** that lets every token look directly at every other token.

## Attention as a group discussion

A useful analogy: imagine each word in a sentence is a person at a meeting. To update its understanding, each word:

1. Asks a **question** about what it needs (the *query*).
2. Compares that question against a short description every other word offers of itself (the *key*).
3. Listens most closely to the words whose descriptions match best, and takes in what they have to say (the *value*).

For the word "it" in our sentence, the query might effectively be "which noun am I referring to?". The key for "trophy" matches strongly, so "it" absorbs much of trophy's information. All of this is learned: nobody programs the questions; they emerge from training.

\`\`\`text
Attention weights for the token "it" (illustrative):
  The      0.01
  trophy   0.62
  didn't   0.02
  fit      0.05
  suitcase 0.21
  because  0.03
  ...      0.06
\`\`\`

## Multi-head attention and layers

One attention pattern is not enough. A transformer runs many **attention heads** in parallel, and each can specialise: one might track grammatical subjects, another might link pronouns to nouns, another might follow quotation marks. Their outputs are combined and passed through a small feed-forward network.

This attention-plus-feed-forward block is then stacked dozens of times. Large models have many layers and dozens of heads per layer, giving them a rich, layered understanding of context.

## Knowing where words are

Attention on its own ignores word order: "dog bites man" and "man bites dog" contain the same tokens. Transformers therefore add **positional information** to each token's embedding, so the model knows which token came first. Modern models use clever positional schemes that help them handle long documents.

## Why transformers won

| Property | Recurrent networks (RNNs) | Transformers |
| --- | --- | --- |
| How text is processed | One token after another | All tokens in parallel during training |
| Long-range connections | Fade over distance | Direct attention between any two tokens |
| Training speed on GPUs | Limited by sequential steps | Highly parallel, scales well |
| Cost of very long inputs | Grows linearly | Attention grows roughly with the square of length |

Parallel training meant transformers could absorb vastly more data on modern hardware, and that scaling unlocked today's capabilities. The trade-off is that attention becomes expensive for very long inputs, which is why context windows have limits and why researchers keep inventing more efficient variants.

## Decoder-only models

The original transformer had two halves: an encoder that read the input and a decoder that wrote the output, designed for translation. Most chat models today are **decoder-only**: a single stack that reads the prompt and generates the continuation, with a rule that each token may only attend to tokens before it. That rule is what makes next-token prediction possible.

| Variant | Typical use | Example family |
| --- | --- | --- |
| Encoder-only | Classification, search embeddings | BERT |
| Encoder-decoder | Translation, summarisation | T5 |
| Decoder-only | Chat, writing, coding | GPT, Llama, Claude, Gemini |

## Key takeaways

- Attention lets each token gather information from the most relevant other tokens.
- Many attention heads and many stacked layers build a deep model of context.
- Parallel training made transformers scale, which drove the leap in capability.
`,
        },
        {
          title: "Hands-on: Exploring Tokens and Probabilities",
          description:
            "Run a guided notebook to tokenize text and build a tiny next-word predictor so you can see generation and temperature at work.",
          lessonType: "INTERACTIVE",
          duration: 25,
          resourceUrl: "https://docs.python.org/3/tutorial/",
          content: `## What you will do

In this guided exercise you will see tokenization with your own eyes and build a miniature "language model" in about twenty lines of Python. No prior coding experience is needed for the steps: copy each cell, run it, and read the "What to observe" notes. The steps run in a free browser notebook such as Google Colab, so nothing needs to be installed on your computer.

## Practise here

Below this lesson are three short exercises that run right here in your browser, in Python with its standard library only: nothing to install and no account needed. You write the pieces of the toy model yourself (a tokenizer, the next-word probability table and softmax with temperature), run your code, and the checks tell you straight away whether each piece is right and, if not, why. They are optional: if you have never written code, follow the steps first and come back to them.

The code cells in the steps are for the notebook, not for the exercise editor: Steps 2 and 3 install the \`tiktoken\` library there, which the exercises do not have. Steps 4 and 5 need only the standard library.

## Step 1: Open a notebook

1. Go to [Google Colab](https://colab.research.google.com/) and sign in.
2. Choose **File → New notebook**.
3. Each grey box is a *cell*. Paste code into it and press **Shift + Enter** to run it.

## Step 2: Tokenize some text

Install and load \`tiktoken\`, an open-source tokenizer library used with several OpenAI models.

\`\`\`python
!pip install -q tiktoken
import tiktoken

enc = tiktoken.get_encoding("cl100k_base")
text = "Tokenization isn't magical, but it is surprisingly important."
tokens = enc.encode(text)
print(len(tokens), "tokens")
print([enc.decode([t]) for t in tokens])
\`\`\`

**What to observe**

- Common words appear as single tokens, often with a leading space attached.
- Longer or rarer words are split into several pieces.
- The token count is smaller than the character count but larger than the word count.

## Step 3: Compare languages and formats

\`\`\`python
samples = {
    "English": "The weather is lovely today.",
    "German": "Das Wetter ist heute wunderschön.",
    "Code": "for i in range(10): print(i ** 2)",
    "Numbers": "3.14159265358979",
}
for name, s in samples.items():
    print(f"{name:8} {len(s.split()):3} words -> {len(enc.encode(s)):3} tokens")
\`\`\`

Record your results in a small table like this one:

| Sample | Words | Tokens | Tokens per word |
| --- | --- | --- | --- |
| English | | | |
| German | | | |
| Code | | | |
| Numbers | | | |

**What to observe:** non-English text, code and long numbers usually need more tokens per word. This is why the same request can cost more, and fill the context window faster, in some languages.

## Step 4: Build a tiny next-word model

Real LLMs learn from trillions of tokens with a transformer. We will fake the core idea by counting which word follows which in a small text.

\`\`\`python
import random
from collections import Counter, defaultdict

corpus = """the cat sat on the mat . the dog sat on the rug .
the cat chased the dog . the dog chased the ball .""".split()

follows = defaultdict(Counter)
for current, nxt in zip(corpus, corpus[1:]):
    follows[current][nxt] += 1

def next_word_probs(word):
    counts = follows[word]
    total = sum(counts.values())
    return {w: c / total for w, c in counts.most_common()}

print(next_word_probs("the"))
print(next_word_probs("sat"))
\`\`\`

**What to observe:** after "the" there are several candidates with different probabilities, while "sat" is always followed by "on". This is a next-token distribution, just like the table in the previous lesson, only vastly simpler.

## Step 5: Generate text with temperature

\`\`\`python
def sample(word, temperature=1.0):
    probs = next_word_probs(word)
    weights = [p ** (1 / temperature) for p in probs.values()]
    return random.choices(list(probs), weights=weights)[0]

def generate(start="the", n=8, temperature=1.0):
    words = [start]
    for _ in range(n):
        words.append(sample(words[-1], temperature))
    return " ".join(words)

for t in (0.2, 1.0, 2.0):
    print(t, "->", generate(temperature=t))
\`\`\`

Run this cell three or four times.

**What to observe**

- At temperature 0.2, output is repetitive and predictable because the most likely word dominates.
- At 2.0, output is more varied and occasionally odd, because unlikely words get a bigger share.
- The model only ever looks one word back, so sentences drift. Transformers look at thousands of tokens with attention, which is why they stay coherent.

## Reflect

Write two or three sentences in your notes answering: what does this toy model have in common with a real LLM, and what is it missing?
`,
        },
      ],
    },
    {
      title: "Using AI Responsibly",
      description:
        "Learn where AI systems fail, how to protect people and data, and how to decide whether a task is a good fit for AI.",
      lessons: [
        {
          title: "Limitations: Hallucinations, Bias and Brittleness",
          description:
            "Recognise the characteristic ways AI systems fail and the practical habits that catch those failures.",
          lessonType: "TEXT",
          duration: 16,
          content: `## Fluent is not the same as correct

Language models are trained to produce *plausible* text. Most of the time plausible and true coincide, which is why these tools are useful. But when they diverge, the model produces confident, well-written errors. Learning the common failure modes lets you use AI heavily while staying safe.

## Hallucinations

A **hallucination** is output that is fluent and specific but not grounded in fact: an invented statistic, a citation to a paper that does not exist, a function from a software library that was never written. Hallucinations happen because the model generates the most likely-sounding continuation, and a realistic-looking reference is very likely-sounding.

Hallucinations are most common when:

- The question concerns niche, recent or highly specific facts.
- The prompt presupposes something false ("Summarise the 2019 paper by Smith that proved...").
- You ask for exact details such as quotations, page numbers, URLs or figures.

## Other characteristic failures

| Failure mode | What it looks like | Practical safeguard |
| --- | --- | --- |
| Hallucination | Invented facts, sources or code | Verify claims against primary sources; ask for sources you can check |
| Knowledge cutoff | Unaware of recent events | Provide current documents in the prompt or use a tool with search |
| Bias | Stereotyped or uneven outputs across groups | Test with varied examples; keep humans in decisions about people |
| Sycophancy | Agreeing with you even when you are wrong | Ask for counter-arguments; avoid leading questions |
| Brittleness | Small wording changes flip the answer | Rephrase and compare; test on many examples, not one |
| Arithmetic and counting slips | Wrong totals, miscounted letters | Use a calculator, spreadsheet or code execution |
| Overconfidence | No signal of uncertainty | Ask the model to flag what it is unsure about, then check those parts |

## Where bias comes from

Models learn from human-produced data, and that data reflects historical inequalities and the over-representation of some languages, regions and viewpoints. Bias can enter at several points:

1. **Training data**: who wrote the text, and about whom.
2. **Labelling and feedback**: the preferences of the people who rated outputs.
3. **Deployment**: how the model is used, for instance screening job applicants with a tool never evaluated for that purpose.

Developers apply mitigations, but no model is bias-free. The responsibility for a decision stays with the people and organisations who use the output.

## A verification habit

For any output that matters, run a quick check proportional to the stakes:

\`\`\`text
Low stakes   (brainstorming, first drafts)       -> skim for obvious errors
Medium stakes (emails, internal reports)         -> verify key facts and numbers
High stakes  (medical, legal, financial, public) -> independent expert review,
                                                    primary sources, audit trail
\`\`\`

Useful prompts that make verification easier:

- "List each factual claim in your answer and rate your confidence in it."
- "Which parts of this answer would be most worth double-checking?"
- "Give me the strongest argument against the conclusion you just reached."

These do not make the model reliable on their own, but they point your attention to the weakest parts.

## Why errors are hard to eliminate

Researchers have reduced error rates considerably through better training, retrieval of trusted documents and tools such as code execution. Still, a system that generates text by prediction will always have some chance of confidently producing something false. Design your use of AI on the assumption that errors will occur, and make sure they are caught before they cause harm.

## Key takeaways

- LLMs optimise for plausible text, so errors arrive fluent and confident.
- Know the main failure modes: hallucination, cutoff, bias, sycophancy, brittleness.
- Scale verification to the stakes, and keep people accountable for decisions.
`,
        },
        {
          title: "Privacy, Safety and Responsible Use",
          description:
            "Apply practical rules for protecting data, people and your organisation when using AI tools.",
          lessonType: "TEXT",
          duration: 15,
          content: `## Responsible use is a set of habits

Responsible AI can sound abstract, but day to day it comes down to a handful of habits: knowing where your data goes, keeping humans in charge of important decisions, being open about AI involvement, and following the rules that apply to your context. This lesson turns those ideas into checklists you can use immediately.

## Know where your data goes

When you type into an AI tool, your text is sent to a provider's servers. What happens next depends on the product and your agreement:

| Question to ask | Why it matters |
| --- | --- |
| Is my input used to train future models? | Consumer products may use conversations unless you opt out; business plans usually do not by default |
| How long are inputs stored? | Retention periods affect your exposure if there is a breach |
| Where is data processed? | Some regulations restrict transfers between countries |
| Who at the provider can access it? | Relevant for confidential and regulated information |

Practical rules for individuals:

- Never paste passwords, API keys or access tokens.
- Do not share personal data about customers, patients or colleagues unless your organisation has approved the tool for that data.
- Remove names and identifiers when you only need help with structure or wording.
- Prefer your organisation's approved tools over personal accounts for work tasks.

## Keep a human in the loop

The more a decision affects someone's life, the more important human judgement becomes. A reasonable rule: AI can **draft, summarise, suggest and check**, but a person should **decide** anything involving hiring, lending, medical care, legal outcomes, discipline or safety. That person needs enough time, information and authority to overrule the system, otherwise the "human in the loop" is a rubber stamp.

## Be transparent

- Tell people when they are interacting with an AI system rather than a person.
- Disclose substantial AI assistance where your school, employer, publisher or client expects it.
- Label AI-generated images, audio and video, especially realistic depictions of real people.

## The regulatory landscape

Rules are evolving quickly, but a few frameworks are worth knowing by name:

| Framework | Who it applies to | Core idea |
| --- | --- | --- |
| EU AI Act | Organisations placing AI systems on the EU market or using them in the EU | Risk-based tiers: some uses are banned, "high-risk" uses face strict obligations, others need transparency |
| GDPR | Anyone processing personal data of people in the EU | Lawful basis, data minimisation and rights over automated decisions |
| NIST AI Risk Management Framework | Voluntary, widely used guidance from the US | Four functions: Govern, Map, Measure, Manage |

You do not need to be a lawyer to act sensibly: if a use case affects people's rights, safety or access to essential services, involve your legal or compliance team early.

## A pre-flight checklist

Before adopting an AI tool for a new task, answer these questions:

1. What exactly will the AI do, and what will people still do?
2. What data will it see, and is the tool approved for that data?
3. What is the worst realistic error, and who would be harmed?
4. How will errors be detected and corrected?
5. Who is accountable for the final output?
6. How will affected people be informed?

If you cannot answer question 3 or 4, the task is not ready for AI assistance yet.

## Safety beyond your own use

AI misuse includes scams using cloned voices, phishing emails written in flawless prose and convincing fake images. Agree on verification habits with family and colleagues, such as calling back on a known number before acting on an urgent request for money or credentials.

## Key takeaways

- Know where your data goes and never share secrets or unapproved personal data.
- Let AI draft and suggest; let accountable people decide high-impact matters.
- Be transparent about AI use and check which regulations apply to your context.
`,
        },
        {
          title: "Assignment: Write an AI Use-Case Brief",
          description:
            "Apply everything from the course by evaluating a real task and writing a one-page brief on whether and how to use AI for it.",
          lessonType: "ASSIGNMENT",
          duration: 35,
          content: `## The brief

Choose one real task from your work, studies or personal life that you think AI could help with. Examples: summarising meeting notes, drafting customer replies, planning a study schedule, categorising expenses, or explaining technical documents to a non-technical audience. Then investigate it properly and write a one-page **AI use-case brief** that a manager, teacher or colleague could use to decide whether to adopt the idea.

The point of the assignment is judgement, not enthusiasm. A well-argued brief that concludes "AI is not a good fit here" can earn full marks.

## Steps

1. **Describe the task.** Who does it today, how often, how long it takes, and what a good result looks like.
2. **Test it.** Run the task through an AI assistant at least five times with different realistic inputs. Use anonymised or made-up data; do not paste anything confidential.
3. **Record results.** For each test, note what was good, what was wrong, and how long it took to fix.
4. **Analyse risks.** Use the failure-mode table and the pre-flight checklist from this module.
5. **Recommend.** Adopt, adopt with safeguards, pilot further, or do not adopt, with reasons.

Use a simple log like this during testing:

\`\`\`text
Test #: 3
Input summary: 45-minute team meeting transcript (names replaced)
Output quality (1-5): 4
Errors found: attributed an action item to the wrong person
Time to review and fix: 6 minutes (vs ~25 minutes writing from scratch)
\`\`\`

## Deliverables

Hand in a single document, as plain text or Markdown, containing:

- **Task summary** (3–5 sentences).
- **Test log** covering at least five runs, as a table or list.
- **Risk assessment** listing at least three realistic failure modes, their impact, and a safeguard for each.
- **Data and privacy note** explaining what data the tool would see and whether that is acceptable.
- **Recommendation** with a clear decision and the conditions attached to it.
- **Reflection** (one paragraph): which idea from the course most changed how you approached this task?

Keep the main brief to roughly one page; the test log can go in an appendix.

## Grading rubric

Your instructor reviews your brief against the rubric shown with the assignment below: four criteria worth 100 points in all, with what each level looks like. Work that meets the brief passes, which completes this lesson; otherwise it comes back with feedback, and you revise it and hand it in again.

## Tips for a strong submission

- Choose a task you genuinely understand; domain knowledge makes your error analysis sharper.
- Include at least one "tricky" test input, such as an ambiguous request or an edge case.
- Quantify where you can: minutes saved, number of errors per output, share of outputs usable without edits.
- Be specific about safeguards: "a colleague checks every figure against the source spreadsheet" beats "human review".

## Submission

Hand in your brief in the answer box below; you can save a draft and come back to it. Your instructor reviews it against the rubric and either passes it or sends it back with feedback, and you revise and hand it in again until it passes.
`,
        },
      ],
    },
  ],
};
