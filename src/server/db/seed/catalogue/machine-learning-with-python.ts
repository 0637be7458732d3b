import type { DemoCourse } from "./types";

export const course: DemoCourse = {
  slug: "machine-learning-with-python",
  title: "Machine Learning with Python",
  description:
    "A hands-on course in classical machine learning with Python, NumPy, pandas and scikit-learn. You will explore real datasets, train and compare regression, classification and ensemble models, and learn the evaluation, validation and leakage-prevention habits that separate reliable models from lucky ones. The course ends with an end-to-end churn prediction capstone you can add to your portfolio.",
  difficulty: "INTERMEDIATE",
  priceCents: 7900,
  featured: false,
  publishedDaysAgo: 76,
  metaTitle: "Machine Learning with Python and scikit-learn",
  metaDescription:
    "Learn practical machine learning with Python, pandas and scikit-learn: regression, trees, pipelines, metrics, cross-validation and a churn capstone.",
  imageUrl: "/covers/machine-learning-with-python.svg",
  instructorKey: "alan",
  learningObjectives: [
    "Set up a reproducible Python environment and explore datasets with pandas and matplotlib",
    "Train and interpret linear, logistic, tree-based and ensemble models with scikit-learn",
    "Build leak-free preprocessing and modelling workflows with Pipeline and ColumnTransformer",
    "Choose evaluation metrics that match the business problem, including for imbalanced classes",
    "Tune hyperparameters with cross-validation and diagnose overfitting and data leakage",
    "Apply clustering and dimensionality reduction to discover structure in unlabelled data",
  ],
  prerequisites: [
    "Comfortable writing basic Python (functions, loops, lists and dictionaries)",
    "High-school algebra; a little statistics (mean, variance) is helpful",
    "A computer that can run Python 3.10 or newer, or a free Google Colab account",
  ],
  modules: [
    {
      title: "The Python ML Toolkit",
      description:
        "Set up a reproducible environment and get fluent with the NumPy, pandas and plotting skills every ML project relies on.",
      lessons: [
        {
          title: "Setting Up a Reproducible ML Environment",
          description:
            "Create an isolated Python environment, install the core libraries and organise a project so results can be reproduced.",
          lessonType: "TEXT",
          duration: 14,
          resourceUrl: "https://docs.python.org/3/library/venv.html",
          content: `## Why the environment matters

Machine learning results depend on library versions more than most people expect. A model trained with one version of scikit-learn may score slightly differently, or refuse to load, under another. A reproducible environment means that you, a colleague or a grader can rerun your notebook next month and get the same numbers. Spending fifteen minutes on setup saves hours of confusion later.

## Create an isolated environment

Never install project libraries into your system Python. Use a virtual environment per project:

\`\`\`bash
mkdir churn-project && cd churn-project
python3 -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
python -m pip install --upgrade pip
pip install numpy pandas scikit-learn matplotlib jupyterlab
\`\`\`

If you prefer a faster tool, \`uv\` offers the same workflow (\`uv venv\`, then \`uv pip install ...\`). Conda environments are also common, especially on Windows and in scientific computing. The principle is identical: one isolated environment per project.

## The core stack

| Library | Role in this course | Typical import |
| --- | --- | --- |
| NumPy | Fast numerical arrays and vectorised maths | \`import numpy as np\` |
| pandas | Tabular data loading, cleaning and analysis | \`import pandas as pd\` |
| scikit-learn | Models, preprocessing, pipelines and metrics | \`from sklearn... import ...\` |
| matplotlib | Plotting for exploration and diagnostics | \`import matplotlib.pyplot as plt\` |
| JupyterLab | Interactive notebooks for exploration | run \`jupyter lab\` |

Later you may add libraries such as XGBoost or LightGBM for gradient boosting, but scikit-learn covers everything in this course.

## Pin your versions

Record exact versions so the environment can be recreated:

\`\`\`bash
pip freeze > requirements.txt
# later, on another machine:
pip install -r requirements.txt
\`\`\`

Check what you are running at the top of every notebook:

\`\`\`python
import sys, numpy, pandas, sklearn
print(sys.version.split()[0], numpy.__version__, pandas.__version__, sklearn.__version__)
\`\`\`

## Organise the project

A simple, consistent layout keeps data, code and results apart:

\`\`\`text
churn-project/
├── data/
│   ├── raw/            # original files, never edited by hand
│   └── processed/      # outputs of cleaning scripts
├── notebooks/          # exploration, numbered: 01-eda.ipynb, 02-baseline.ipynb
├── src/                # reusable functions imported by notebooks
├── models/             # saved model files
├── requirements.txt
└── README.md
\`\`\`

Two rules make a big difference: treat \`data/raw\` as read-only, and move any code you copy between notebooks into \`src/\`.

## Control randomness

Many algorithms shuffle data or initialise randomly. Fix the seed wherever an estimator or splitter accepts \`random_state\`, so reruns are identical:

\`\`\`python
RANDOM_STATE = 42

from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=RANDOM_STATE
)
model = RandomForestClassifier(random_state=RANDOM_STATE)
\`\`\`

A fixed seed does not make a result *true*; it makes it *repeatable*. Later in the course you will use cross-validation to check that results hold across different splits.

## Notebooks versus scripts

Notebooks are ideal for exploration and explaining results. Scripts are better for anything you run repeatedly, such as data preparation and training. A good habit is to restart the kernel and run all cells before sharing a notebook, which catches cells that depend on a hidden, out-of-order state.

## Key takeaways

- Use one virtual environment per project and pin versions in \`requirements.txt\`.
- Keep raw data read-only and move reusable code into modules.
- Fix \`random_state\` for repeatability, and rerun notebooks top to bottom before sharing.
`,
        },
        {
          title: "NumPy and pandas Essentials for ML",
          description:
            "Learn the array and DataFrame operations you will use in every machine learning project.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://pandas.pydata.org/docs/",
          content: `## Why these two libraries

scikit-learn models consume NumPy arrays or pandas DataFrames. NumPy provides fast, fixed-type numerical arrays; pandas adds labelled columns, mixed types and powerful tools for cleaning and aggregation. You do not need to master every function, but you must be fluent in a core set.

## NumPy: think in arrays

The key idea is **vectorisation**: apply an operation to a whole array at once instead of looping in Python. It is shorter and typically tens to hundreds of times faster.

\`\`\`python
import numpy as np

prices = np.array([310_000, 365_000, 420_000, 455_000])
areas = np.array([54, 78, 102, 66])

price_per_m2 = prices / areas            # element-wise division, no loop
print(price_per_m2.round(0))             # [5741. 4679. 4118. 6894.]
print(prices.mean(), prices.std())

X = np.random.default_rng(0).normal(size=(100, 3))   # 100 rows, 3 features
print(X.shape)                            # (100, 3)
X_centered = X - X.mean(axis=0)           # broadcasting: subtract column means
\`\`\`

Three concepts cause most beginner bugs:

| Concept | What to remember | Quick check |
| --- | --- | --- |
| Shape | Models expect 2-D \`X\` of shape (n_samples, n_features) | \`X.shape\` |
| Axis | \`axis=0\` works down columns, \`axis=1\` across rows | \`X.mean(axis=0).shape\` |
| Dtype | Integers, floats and objects behave differently | \`X.dtype\` |

If you have a single feature as a 1-D array, reshape it with \`x.reshape(-1, 1)\` before passing it to a model.

## pandas: the DataFrame workflow

\`\`\`python
import pandas as pd

df = pd.read_csv("data/raw/customers.csv", parse_dates=["signup_date"])

df.head()              # first rows
df.info()              # columns, dtypes, non-null counts
df.describe()          # summary statistics for numeric columns
df["plan"].value_counts(normalize=True)   # category shares
\`\`\`

## Selecting and filtering

\`\`\`python
df[["age", "monthly_spend"]]                        # select columns
df.loc[df["country"] == "DE", ["age", "plan"]]     # rows by condition, columns by name
df.query("monthly_spend > 100 and churned == 1")   # readable filtering
\`\`\`

Use \`.loc\` for label-based selection and avoid chained indexing like \`df[df.a > 1]["b"] = 0\`, which may modify a copy instead of the original.

## Creating and transforming columns

\`\`\`python
df["tenure_days"] = (pd.Timestamp("2025-01-01") - df["signup_date"]).dt.days
df["spend_per_login"] = df["monthly_spend"] / df["logins"].clip(lower=1)
df["is_premium"] = df["plan"].isin(["pro", "enterprise"]).astype(int)
\`\`\`

## Grouping and aggregating

Aggregation answers questions such as "which plans churn most?":

\`\`\`python
summary = (
    df.groupby("plan")
      .agg(customers=("customer_id", "count"),
           churn_rate=("churned", "mean"),
           avg_spend=("monthly_spend", "mean"))
      .sort_values("churn_rate", ascending=False)
)
\`\`\`

## Missing values

\`\`\`python
df.isna().mean().sort_values(ascending=False)   # share missing per column
df["age"] = df["age"].fillna(df["age"].median())  # only for quick exploration
\`\`\`

For modelling, do **not** fill missing values on the full dataset like this; it leaks information from the test set. Module 3 shows how to impute inside a pipeline instead.

## Handing data to scikit-learn

\`\`\`python
X = df.drop(columns=["customer_id", "churned"])
y = df["churned"]
\`\`\`

Modern scikit-learn accepts DataFrames directly and can keep column names through pipelines, which makes debugging much easier than working with anonymous arrays.

## Key takeaways

- Vectorise with NumPy and always check shapes, axes and dtypes.
- Use pandas for loading, selecting, transforming and aggregating tabular data.
- Explore missing values freely, but impute inside pipelines when modelling.
`,
        },
        {
          title: "Exploratory Data Analysis",
          description:
            "Use a repeatable checklist of summaries and plots to understand a dataset before modelling it.",
          lessonType: "TEXT",
          duration: 18,
          resourceUrl: "https://matplotlib.org/stable/",
          content: `## Why explore first

Exploratory data analysis (EDA) is where you learn what your data actually contains, as opposed to what you assume it contains. Good EDA finds broken values, reveals which features matter, exposes leakage risks and shapes every later modelling decision. Skipping it is the most common cause of models that look great in a notebook and fail in production.

We will use the California housing dataset, which ships with scikit-learn's dataset loaders (it downloads once and is then cached).

\`\`\`python
from sklearn.datasets import fetch_california_housing
import matplotlib.pyplot as plt

housing = fetch_california_housing(as_frame=True)
df = housing.frame            # features plus the target column MedHouseVal
print(df.shape)               # (20640, 9)
\`\`\`

## The EDA checklist

Work through these questions in order for every new dataset:

| Step | Question | Tools |
| --- | --- | --- |
| 1 | What does each row represent, and how many are there? | \`df.shape\`, documentation |
| 2 | What type is each column, and does it match its meaning? | \`df.info()\`, \`df.dtypes\` |
| 3 | Where are values missing, and why? | \`df.isna().mean()\` |
| 4 | What does the target look like? | histogram, \`value_counts()\` |
| 5 | Are ranges plausible? Any caps, sentinels or outliers? | \`df.describe()\`, box plots |
| 6 | How do features relate to the target and to each other? | scatter plots, correlations, group means |
| 7 | Could any feature leak the answer? | domain reasoning |

## Look at the target

\`\`\`python
df["MedHouseVal"].hist(bins=50)
plt.xlabel("Median house value (units of $100,000)")
plt.ylabel("Number of districts")
plt.show()
\`\`\`

You will notice a spike at the far right: values are **capped at 5.0** in this dataset. A model cannot learn what happens above the cap, and errors near it will look strangely small. Capped or censored targets are common in real data and worth documenting.

## Check ranges and distributions

\`\`\`python
df.describe().T[["mean", "min", "50%", "max"]]
\`\`\`

Look for impossible values (negative ages, dates in the future), sentinel codes such as \`-999\` or \`9999\`, and heavy skew. In this dataset \`AveOccup\` (average occupants per household) has extreme maximum values that suggest unusual districts such as institutions, worth a closer look before trusting them.

## Relationships with the target

\`\`\`python
correlations = df.corr(numeric_only=True)["MedHouseVal"].sort_values()
print(correlations)

df.plot.scatter(x="MedInc", y="MedHouseVal", alpha=0.1)
plt.show()
\`\`\`

Median income is the strongest single predictor here. Correlation only captures *linear* relationships, so always plot: a feature with low correlation can still have a strong curved or threshold relationship with the target.

## Geography and segments

\`\`\`python
df.plot.scatter(x="Longitude", y="Latitude", c="MedHouseVal",
                cmap="viridis", s=3, alpha=0.4, colorbar=True)
plt.show()
\`\`\`

The map makes the coastal price premium obvious, suggesting location features will be valuable. For categorical data, the equivalent move is a \`groupby\` on each category with the mean target.

## Record what you find

Keep a short EDA log at the top of the notebook:

\`\`\`text
- 20,640 districts, 8 numeric features, no missing values.
- Target capped at 5.0 (~5% of rows); consider excluding or flagging.
- MedInc strongest predictor (r ~ 0.69); relationship mostly linear.
- AveOccup and AveRooms have extreme outliers; investigate before scaling.
- Strong geographic pattern: consider location-based features.
\`\`\`

This log becomes the justification for your preprocessing choices, and reviewers will thank you for it.

## A warning about peeking

Do detailed EDA on the **training split**, not the full dataset. If you make decisions after studying the test set, such as which outliers to drop, you leak information into your final evaluation. A common compromise: do a quick sanity check on the full data, split, then explore the training set in depth.

## Key takeaways

- Follow a checklist: rows, types, missing values, target, ranges, relationships, leakage.
- Plot relationships; correlation alone misses non-linear patterns.
- Document findings, and explore in depth on the training split only.
`,
        },
      ],
    },
    {
      title: "Supervised Learning",
      description:
        "Train, interpret and compare the most widely used supervised models, and learn to measure them properly.",
      lessons: [
        {
          title: "Linear and Logistic Regression",
          description:
            "Fit and interpret the two foundational linear models for regression and classification.",
          lessonType: "TEXT",
          duration: 22,
          resourceUrl: "https://scikit-learn.org/stable/modules/linear_model.html",
          content: `## Start simple

Linear models are fast, interpretable and surprisingly strong. They make an excellent baseline: if a complex model cannot beat a well-prepared linear model, the complexity is not paying for itself. This lesson covers **linear regression** for predicting numbers and **logistic regression** for predicting categories.

## Linear regression

Linear regression predicts the target as a weighted sum of features plus an intercept:

\`\`\`text
prediction = b + w1 * x1 + w2 * x2 + ... + wn * xn
\`\`\`

Training finds the weights that minimise the squared error between predictions and actual values.

\`\`\`python
from sklearn.datasets import fetch_california_housing
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error

X, y = fetch_california_housing(return_X_y=True, as_frame=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

model = LinearRegression().fit(X_train, y_train)
pred = model.predict(X_test)
print(f"MAE: {mean_absolute_error(y_test, pred):.3f}")   # about 0.53, i.e. ~$53k

for name, coef in zip(X.columns, model.coef_):
    print(f"{name:12} {coef:+.4f}")
\`\`\`

## Interpreting coefficients carefully

A coefficient tells you how much the prediction changes when one feature increases by one unit **with all other features held constant**. Three cautions:

1. **Units differ**: a coefficient for income (tens of thousands of dollars) is not comparable to one for latitude (degrees). Standardise features first if you want to compare magnitudes.
2. **Correlated features share credit**: when two features move together, their individual coefficients can be unstable or even have surprising signs.
3. **Association, not causation**: a coefficient describes a pattern in this data, not the effect of intervening in the world.

## Logistic regression

For classification, logistic regression computes the same weighted sum and passes it through the **sigmoid** function, which squashes any number into a probability between 0 and 1.

\`\`\`python
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True, as_frame=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=42
)

clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
clf.fit(X_train, y_train)

print(clf.score(X_test, y_test))            # accuracy, typically around 0.97-0.99
proba = clf.predict_proba(X_test)[:, 1]     # probability of the positive class
\`\`\`

Scaling matters here: logistic regression uses regularisation and an iterative solver, both of which behave better when features are on similar scales.

## Probabilities and thresholds

\`predict\` applies a default threshold of 0.5 to the probabilities. In many real problems, that default is wrong. If missing a positive case is expensive (fraud, disease), lower the threshold to catch more positives at the cost of more false alarms:

\`\`\`python
threshold = 0.3
custom_pred = (proba >= threshold).astype(int)
\`\`\`

Choose thresholds using validation data and the costs of each kind of error, never the test set.

## When to use which

| Model | Predicts | Strengths | Limitations |
| --- | --- | --- | --- |
| Linear regression | Continuous values | Fast, interpretable, strong baseline | Misses non-linear patterns unless you engineer features |
| Ridge / Lasso | Continuous values | Regularised, handles correlated features | Still linear |
| Logistic regression | Class probabilities | Calibrated-ish probabilities, interpretable | Linear decision boundary |

You can capture curves with linear models by adding engineered features, such as squared terms or interactions (\`PolynomialFeatures\`), but tree ensembles often do this more naturally, as the next lesson shows.

## Key takeaways

- Linear models are the baseline every project should start with.
- Interpret coefficients only with scaled features, and never as causal effects.
- Logistic regression outputs probabilities; choose the decision threshold deliberately.
`,
        },
        {
          title: "Trees, Forests and Gradient Boosting",
          description:
            "Understand decision trees and the ensemble methods built on them, which dominate machine learning on tabular data.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://scikit-learn.org/stable/modules/ensemble.html",
          content: `## Why trees matter

For tabular data, the kind found in spreadsheets and databases, tree-based ensembles are usually the strongest off-the-shelf models. They handle non-linear relationships and feature interactions automatically, need little preprocessing, and are robust to outliers. Understanding a single tree first makes the ensembles easy to grasp.

## Decision trees

A decision tree learns a sequence of yes/no questions that split the data into increasingly pure groups:

\`\`\`text
Is monthly_spend < 20?
├── yes: Is tenure_months < 3?
│        ├── yes: predict CHURN (82% of 410 customers churned)
│        └── no:  predict STAY  (71% stayed)
└── no:  Is support_tickets >= 4?
         ├── yes: predict CHURN (64%)
         └── no:  predict STAY  (91%)
\`\`\`

At each node, the algorithm picks the feature and threshold that best separate the classes (or reduce variance, for regression). Trees are easy to explain but overfit badly if grown deep: a tree can keep splitting until every training example sits in its own leaf.

\`\`\`python
from sklearn.tree import DecisionTreeClassifier, export_text

tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=20, random_state=42)
tree.fit(X_train, y_train)
print(export_text(tree, feature_names=list(X_train.columns)))
\`\`\`

## Random forests: many trees voting

A **random forest** trains hundreds of trees, each on a bootstrap sample of the rows and considering a random subset of features at each split. Individual trees overfit in different ways; averaging their votes cancels much of that noise.

\`\`\`python
from sklearn.ensemble import RandomForestClassifier

forest = RandomForestClassifier(n_estimators=300, min_samples_leaf=2,
                                n_jobs=-1, random_state=42)
forest.fit(X_train, y_train)
\`\`\`

Random forests are hard to badly misconfigure, which makes them a great second model after your linear baseline.

## Gradient boosting: trees that fix mistakes

**Gradient boosting** builds shallow trees one after another, each trained to correct the errors of the ensemble so far. With sensible settings it is usually the most accurate option for tabular data. scikit-learn's histogram-based implementation is fast and handles missing values natively:

\`\`\`python
from sklearn.ensemble import HistGradientBoostingClassifier

gbm = HistGradientBoostingClassifier(
    learning_rate=0.05, max_iter=500, early_stopping=True, random_state=42
)
gbm.fit(X_train, y_train)
\`\`\`

Popular external libraries, XGBoost, LightGBM and CatBoost, implement the same idea with extra features and are widely used in industry and competitions.

## Key hyperparameters

| Model | Hyperparameter | Effect of increasing it |
| --- | --- | --- |
| Decision tree | \`max_depth\` | More complex tree, higher overfitting risk |
| Decision tree / forest | \`min_samples_leaf\` | Smoother model, less overfitting |
| Random forest | \`n_estimators\` | More stable predictions, slower; rarely hurts accuracy |
| Random forest | \`max_features\` | Trees become more similar to each other |
| Gradient boosting | \`learning_rate\` | Faster learning but more overfitting; lower values need more iterations |
| Gradient boosting | \`max_iter\` | More trees; use early stopping to choose automatically |

## Which features matter?

Forests expose \`feature_importances_\`, but these impurity-based scores are biased toward features with many distinct values. **Permutation importance** is more reliable: shuffle one feature in held-out data and measure how much the score drops.

\`\`\`python
from sklearn.inspection import permutation_importance

result = permutation_importance(forest, X_test, y_test, n_repeats=10,
                                random_state=42, n_jobs=-1)
ranking = sorted(zip(result.importances_mean, X_test.columns), reverse=True)
for score, name in ranking[:5]:
    print(f"{name:25} {score:.4f}")
\`\`\`

Remember that importance measures how much a *model* relies on a feature, not whether that feature *causes* the outcome.

## Choosing between them

| Situation | Good first choice |
| --- | --- |
| Need a quick, robust model | Random forest |
| Need the best accuracy on tabular data | Gradient boosting, tuned |
| Need a model people can read | Shallow decision tree or linear model |
| Very high-dimensional sparse data (e.g. text) | Linear models usually beat trees |

## Key takeaways

- Trees split data with learned questions; alone they overfit easily.
- Random forests average many decorrelated trees; boosting adds trees that fix errors.
- Use permutation importance on held-out data to see what a model relies on.
`,
        },
        {
          title: "Hands-on: Your First scikit-learn Pipeline",
          description:
            "Build, evaluate and inspect a complete preprocessing and modelling pipeline on the Titanic passenger dataset.",
          lessonType: "INTERACTIVE",
          duration: 35,
          resourceUrl: "https://scikit-learn.org/stable/",
          content: `## What you will build

In this guided exercise you will build an end-to-end classification pipeline that predicts passenger survival from the Titanic dataset. It contains mixed numeric and categorical columns and missing values, which makes it perfect for practising preprocessing. Run each step in a Jupyter notebook on your own computer (or in Google Colab) and check the observations before moving on. The steps need pandas, scikit-learn and matplotlib (\`pip install pandas scikit-learn matplotlib\`), and internet access the first time, because the dataset is downloaded from OpenML and cached.

## Practise here

Below this lesson are three exercises that run right here in your browser, in Python with its standard library only: no pandas, no scikit-learn, nothing to install. In them you write by hand what the library does for you in the steps: a seeded train/test split, linear regression trained by gradient descent, and a leak-free mini pipeline whose scaler learns from the training rows only and which has to beat a baseline. Run your code, and the checks tell you whether it is right. The code blocks in the steps below are for your notebook, not for the exercise editor.

## Step 1: Load the data

\`\`\`python
import pandas as pd
from sklearn.datasets import fetch_openml

X, y = fetch_openml("titanic", version=1, as_frame=True, return_X_y=True)
print(X.shape)
print(X.dtypes)
print(y.value_counts(normalize=True))
\`\`\`

**What to observe:** roughly 1,300 passengers, a mix of numeric and categorical columns, and a survival rate of about 38%. Note the columns \`boat\` and \`body\`.

## Step 2: Spot the leakage

\`boat\` records which lifeboat a passenger boarded and \`body\` a body identification number. Both are only known *after* the outcome, so including them would let the model cheat. Drop them, along with free-text identifiers:

\`\`\`python
X = X.drop(columns=["boat", "body", "name", "ticket", "cabin", "home.dest"])
print(X.columns.tolist())
\`\`\`

**What to observe:** if you skip this step out of curiosity later, accuracy jumps to suspiciously high levels. That is what leakage looks like.

## Step 3: Split before anything else

\`\`\`python
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=42
)
\`\`\`

## Step 4: Define preprocessing per column type

\`\`\`python
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

numeric = ["age", "fare", "sibsp", "parch"]
categorical = ["pclass", "sex", "embarked"]

preprocess = ColumnTransformer([
    ("num", Pipeline([
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
    ]), numeric),
    ("cat", Pipeline([
        ("impute", SimpleImputer(strategy="most_frequent")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ]), categorical),
])
\`\`\`

## Step 5: Combine preprocessing and model

\`\`\`python
from sklearn.linear_model import LogisticRegression

pipe = Pipeline([
    ("preprocess", preprocess),
    ("model", LogisticRegression(max_iter=1000)),
])
pipe.fit(X_train, y_train)
print(f"Test accuracy: {pipe.score(X_test, y_test):.3f}")
\`\`\`

**What to observe:** accuracy around 0.78–0.80. Because imputation and scaling live *inside* the pipeline, their statistics are learned from the training data only.

## Step 6: Compare against a baseline and a second model

\`\`\`python
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import cross_val_score

candidates = {
    "baseline": DummyClassifier(strategy="most_frequent"),
    "logistic": LogisticRegression(max_iter=1000),
    "boosting": HistGradientBoostingClassifier(random_state=42),
}
for name, model in candidates.items():
    p = Pipeline([("preprocess", preprocess), ("model", model)])
    scores = cross_val_score(p, X_train, y_train, cv=5)
    print(f"{name:9} {scores.mean():.3f} ± {scores.std():.3f}")
\`\`\`

Record your results:

| Model | Mean CV accuracy | Std | Notes |
| --- | --- | --- | --- |
| baseline | | | Always predicts "did not survive" |
| logistic | | | |
| boosting | | | |

**What to observe:** the baseline scores about 0.62, so any useful model must clearly beat that. The two real models are often close; the standard deviation tells you whether differences are meaningful.

## Step 7: Inspect the errors

\`\`\`python
from sklearn.metrics import ConfusionMatrixDisplay, classification_report

pred = pipe.predict(X_test)
print(classification_report(y_test, pred))
ConfusionMatrixDisplay.from_predictions(y_test, pred)
\`\`\`

**What to observe:** recall for survivors (class "1") is usually lower than for non-survivors. Ask yourself which passengers the model misses and why.

## Step 8: Save the pipeline

\`\`\`python
import joblib

joblib.dump(pipe, "titanic_pipeline.joblib")
loaded = joblib.load("titanic_pipeline.joblib")
print(loaded.predict(X_test.head(3)))
\`\`\`

Saving the whole pipeline, not just the model, ensures new data receives exactly the same preprocessing.

## Challenge

Add a feature \`family_size = sibsp + parch + 1\` using a \`FunctionTransformer\` inside the pipeline, and check with cross-validation whether it helps.
`,
        },
        {
          title: "Evaluating Models: Metrics That Matter",
          description:
            "Choose and interpret classification and regression metrics that reflect the real cost of errors.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://scikit-learn.org/stable/modules/model_evaluation.html",
          content: `## Accuracy is not enough

Imagine a fraud model that is 99.5% accurate. Impressive, until you learn that 99.5% of transactions are legitimate: a model that never flags anything achieves the same score. The right metric depends on the problem, especially on **class balance** and the **cost of each kind of error**. Choosing it is a business decision as much as a technical one.

## The confusion matrix

Every classification metric is built from four counts:

| | Predicted positive | Predicted negative |
| --- | --- | --- |
| **Actually positive** | True positive (TP) | False negative (FN) |
| **Actually negative** | False positive (FP) | True negative (TN) |

From these:

- **Precision** = TP / (TP + FP): when the model says positive, how often is it right?
- **Recall** = TP / (TP + FN): of all real positives, how many did we catch?
- **F1 score**: the harmonic mean of precision and recall, useful when you need one number that balances both.

\`\`\`python
from sklearn.metrics import classification_report, confusion_matrix

print(confusion_matrix(y_test, pred))
print(classification_report(y_test, pred, digits=3))
\`\`\`

## Which errors cost more?

| Application | Costlier error | Emphasise |
| --- | --- | --- |
| Cancer screening | Missing a disease (FN) | Recall |
| Spam filter | Hiding a real email (FP) | Precision |
| Fraud detection | Both, with different costs | Precision at a fixed recall, or expected cost |
| Churn outreach campaign | Depends on offer cost vs customer value | Precision among the top-k scored customers |

## Threshold-independent metrics

Precision and recall depend on the decision threshold. To compare models across all thresholds:

- **ROC AUC**: probability that a random positive gets a higher score than a random negative. 0.5 is chance, 1.0 is perfect. It can look optimistic when positives are rare.
- **Average precision (PR AUC)**: summarises the precision–recall curve and is more informative for imbalanced problems.

\`\`\`python
from sklearn.metrics import roc_auc_score, average_precision_score

scores = model.predict_proba(X_test)[:, 1]
print("ROC AUC:", roc_auc_score(y_test, scores))
print("Average precision:", average_precision_score(y_test, scores))
\`\`\`

Always compare against the base rate: a random model's average precision equals the share of positives.

## Regression metrics

| Metric | Meaning | Notes |
| --- | --- | --- |
| MAE | Average absolute error, in target units | Easy to explain; robust to outliers |
| RMSE | Square root of average squared error | Penalises large errors more heavily |
| R² | Share of variance explained, relative to predicting the mean | 0 means no better than the mean; can be negative |
| MAPE | Average percentage error | Unstable when true values are near zero |

\`\`\`python
from sklearn.metrics import mean_absolute_error, root_mean_squared_error, r2_score

print(mean_absolute_error(y_test, pred))
print(root_mean_squared_error(y_test, pred))
print(r2_score(y_test, pred))
\`\`\`

Report errors in units stakeholders understand: "on average our price estimates are off by about $41,000" lands better than "RMSE 0.57".

## Always have a baseline

A metric means nothing without a reference point. Use \`DummyClassifier\` or \`DummyRegressor\` to get the score of a trivial strategy, and a simple linear model as a second reference:

\`\`\`python
from sklearn.dummy import DummyRegressor

baseline = DummyRegressor(strategy="median").fit(X_train, y_train)
print(mean_absolute_error(y_test, baseline.predict(X_test)))
\`\`\`

## Probability calibration

If decisions depend on predicted probabilities ("call customers with churn risk above 40%"), check that a predicted 40% really means about 40% of such customers churn. \`CalibrationDisplay.from_estimator\` plots this, and \`CalibratedClassifierCV\` can correct poorly calibrated models; both live in \`sklearn.calibration\`.

## Key takeaways

- Choose metrics from the cost of errors and the class balance, not by habit.
- Use precision, recall and PR AUC for imbalanced problems; ROC AUC can flatter.
- Always report a baseline, and translate metrics into business units.
`,
        },
      ],
    },
    {
      title: "Building Reliable Models",
      description:
        "Prepare features correctly, validate honestly, tune systematically and guard against overfitting and leakage.",
      lessons: [
        {
          title: "Feature Engineering and Preprocessing",
          description:
            "Transform raw columns into informative, model-ready features using scikit-learn transformers.",
          lessonType: "TEXT",
          duration: 18,
          resourceUrl: "https://scikit-learn.org/stable/modules/preprocessing.html",
          content: `## Features make the model

Better features often improve a model more than a better algorithm. Feature engineering means encoding domain knowledge in a form the model can use: turning a signup date into tenure, a timestamp into "hour of day", or two columns into a ratio. Preprocessing makes those features numerically suitable for the chosen model.

## Preprocessing by column type

| Column type | Common transformation | scikit-learn tool |
| --- | --- | --- |
| Numeric, different scales | Standardise to mean 0, std 1 | \`StandardScaler\` |
| Numeric with outliers | Scale using median and IQR | \`RobustScaler\` |
| Skewed positive values (income, counts) | Log transform | \`FunctionTransformer(np.log1p)\` |
| Nominal categories | One-hot encoding | \`OneHotEncoder\` |
| Ordered categories | Ordinal integers in the right order | \`OrdinalEncoder(categories=[...])\` |
| High-cardinality categories | Target encoding with cross-fitting | \`TargetEncoder\` |
| Missing values | Impute, optionally add a missing flag | \`SimpleImputer(add_indicator=True)\` |

Tree-based models do not need scaling, and \`HistGradientBoostingClassifier\` handles missing values itself. Linear models, k-nearest neighbours, SVMs and neural networks are sensitive to scale.

## Engineering informative features

\`\`\`python
import numpy as np
import pandas as pd

def add_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["tenure_months"] = (
        (pd.Timestamp("2025-01-01") - out["signup_date"]).dt.days // 30
    )
    out["spend_per_seat"] = out["monthly_spend"] / out["seats"].clip(lower=1)
    out["signup_dow"] = out["signup_date"].dt.dayofweek
    out["tickets_per_month"] = out["support_tickets"] / out["tenure_months"].clip(lower=1)
    return out.drop(columns=["signup_date"])
\`\`\`

Good sources of features:

1. **Ratios and rates**: spend per seat, tickets per month.
2. **Time**: tenure, recency of last activity, day of week, seasonality.
3. **Aggregates**: a customer's average order value over the last 90 days.
4. **Domain flags**: "is on annual plan", "used feature X in first week".

For aggregates over time, compute them using only data available *before* the prediction date, or you will leak future information.

## Putting it together with ColumnTransformer

\`\`\`python
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

log_then_scale = make_pipeline(
    SimpleImputer(strategy="median"),
    FunctionTransformer(np.log1p, feature_names_out="one-to-one"),
    StandardScaler(),
)

preprocess = ColumnTransformer([
    ("skewed", log_then_scale, ["monthly_spend", "spend_per_seat"]),
    ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()),
        ["tenure_months", "tickets_per_month"]),
    ("categorical",
        OneHotEncoder(handle_unknown="ignore", min_frequency=20, sparse_output=False),
        make_column_selector(dtype_exclude="number")),
])
preprocess.set_output(transform="pandas")   # keep readable column names
\`\`\`

\`min_frequency=20\` groups rare categories together, which reduces noise from categories seen only a handful of times. \`sparse_output=False\` is needed because pandas output cannot hold sparse matrices, and selecting "everything that is not a number" works for both the classic \`object\` and the newer pandas string dtypes.

## Categorical encoding choices

| Encoding | Pros | Cons |
| --- | --- | --- |
| One-hot | Simple, no false ordering | Many columns for high-cardinality features |
| Ordinal | Compact; right for genuinely ordered data | Implies an order that may not exist |
| Target encoding | Compact for many categories | Leaks the target unless cross-fitted; \`TargetEncoder\` does this for you |

## Inspect the output

After fitting, look at what the model will actually see:

\`\`\`python
Xt = preprocess.fit_transform(X_train)
print(Xt.shape)
print(Xt.columns[:10].tolist())
print(Xt.describe().T.head())
\`\`\`

Check for unexpected explosions in column count, constant columns, and remaining missing values.

## Key takeaways

- Good features encode domain knowledge: ratios, time, aggregates and flags.
- Match preprocessing to column type and model family.
- Use \`ColumnTransformer\` inside a pipeline so preprocessing is fitted on training data only.
`,
        },
        {
          title: "Cross-Validation and Hyperparameter Tuning",
          description:
            "Estimate performance robustly with cross-validation and tune hyperparameters without overfitting to your validation data.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://scikit-learn.org/stable/modules/cross_validation.html",
          content: `## One split is not enough

A single train/test split gives a single number, and that number depends on which rows happened to land in the test set. On small or medium datasets, scores can swing by several percentage points between random splits. **Cross-validation** (CV) gives a more reliable estimate by training and evaluating several times on different partitions.

## k-fold cross-validation

In k-fold CV, the training data is divided into k folds. The model trains on k − 1 folds and is evaluated on the remaining one, rotating until every fold has been the validation fold once.

\`\`\`text
Fold 1: [VAL][train][train][train][train]
Fold 2: [train][VAL][train][train][train]
Fold 3: [train][train][VAL][train][train]
Fold 4: [train][train][train][VAL][train]
Fold 5: [train][train][train][train][VAL]
\`\`\`

\`\`\`python
from sklearn.model_selection import cross_validate

results = cross_validate(pipe, X_train, y_train, cv=5,
                         scoring=["roc_auc", "average_precision"])
print(results["test_roc_auc"].mean(), results["test_roc_auc"].std())
\`\`\`

Report the mean *and* the standard deviation. If two models differ by less than about one standard deviation, treat them as tied.

## Choose the right splitter

| Data situation | Splitter | Why |
| --- | --- | --- |
| Classification, especially imbalanced | \`StratifiedKFold\` | Keeps class proportions similar in every fold |
| Several rows per customer, patient or device | \`GroupKFold\` | Prevents the same entity appearing in train and validation |
| Time-ordered data | \`TimeSeriesSplit\` | Always validates on data later than the training data |
| Very small dataset | \`RepeatedStratifiedKFold\` | Averages over several random partitions |

Using the wrong splitter is one of the most common sources of over-optimistic results. For classifiers, passing \`cv=5\` already uses stratified folds; groups and time need explicit splitters.

## Hyperparameters versus parameters

**Parameters** are learned from data (coefficients, tree splits). **Hyperparameters** are settings you choose before training (tree depth, learning rate, regularisation strength). Tuning means searching for hyperparameters that give the best cross-validated score.

## Grid and randomised search

\`\`\`python
from scipy.stats import loguniform, randint
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold

param_distributions = {
    "model__learning_rate": loguniform(0.01, 0.3),
    "model__max_leaf_nodes": randint(8, 64),
    "model__min_samples_leaf": randint(10, 100),
    "model__l2_regularization": loguniform(1e-4, 1.0),
}

search = RandomizedSearchCV(
    pipe,                                  # a Pipeline whose last step is named "model"
    param_distributions,
    n_iter=40,
    scoring="average_precision",
    cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=42),
    n_jobs=-1,
    random_state=42,
)
search.fit(X_train, y_train)
print(search.best_params_, round(search.best_score_, 4))
\`\`\`

Note the \`model__\` prefix: it routes each setting to the pipeline step named \`model\`.

| Method | How it searches | Best for |
| --- | --- | --- |
| \`GridSearchCV\` | Every combination in a grid | Two or three hyperparameters with few values |
| \`RandomizedSearchCV\` | Random samples from distributions | Larger spaces; usually more efficient than grids |
| Successive halving | Many candidates on little data, best ones promoted | Large searches with limited compute |
| Bayesian optimisation (e.g. Optuna) | Learns which regions look promising | Expensive models, many hyperparameters |

## Keep the test set out of it

Cross-validation and tuning happen on the **training set**. The best CV score is optimistically biased, because you picked the maximum of many noisy estimates. Only after choosing the final configuration do you evaluate once on the untouched test set. For a fully unbiased estimate of the whole tuning procedure, researchers use **nested cross-validation**, with an inner loop for tuning and an outer loop for evaluation.

## Practical tips

- Tune the few hyperparameters that matter most; defaults are often close to optimal for the rest.
- Search learning rates and regularisation strengths on a log scale.
- Fix \`random_state\` in the splitter so every candidate sees the same folds.
- Check \`search.cv_results_\` to see whether the best values sit at the edge of your search range; if so, widen it.

## Key takeaways

- Cross-validation gives a mean and a spread; differences within the spread are noise.
- Match the splitter to the data: stratified, grouped or time-ordered.
- Tune with randomised or grid search on training data, then test once.
`,
        },
        {
          title: "Overfitting, Regularisation and Data Leakage",
          description:
            "Diagnose overfitting with learning curves, control it with regularisation, and eliminate the leakage patterns that inflate scores.",
          lessonType: "TEXT",
          duration: 18,
          resourceUrl: "https://scikit-learn.org/stable/common_pitfalls.html",
          content: `## Two ways to fool yourself

A model can look better than it really is for two different reasons. **Overfitting** means it has memorised training noise, which shows up as a gap between training and validation scores. **Leakage** is worse: information from outside the legitimate training data has slipped in, so *both* training and validation scores are inflated and nothing looks wrong until the model meets reality.

## Diagnosing with learning curves

A learning curve shows training and validation scores as the training set grows:

\`\`\`python
import numpy as np
from sklearn.model_selection import LearningCurveDisplay

LearningCurveDisplay.from_estimator(
    pipe, X_train, y_train, cv=5, scoring="roc_auc",
    train_sizes=np.linspace(0.1, 1.0, 6), n_jobs=-1,
)
\`\`\`

| Pattern | Diagnosis | What helps |
| --- | --- | --- |
| Both scores low and close together | Underfitting (high bias) | Richer features, more flexible model, less regularisation |
| Training high, validation much lower | Overfitting (high variance) | More data, simpler model, more regularisation |
| Gap shrinks as data grows | More data will help | Collect or label more examples |
| Validation plateaus early | More data will not help much | Work on features instead |

A **validation curve** does the same for a single hyperparameter, such as tree depth, showing where complexity starts to hurt.

## Regularisation

Regularisation adds a penalty for complexity so the model prefers simpler explanations:

- **Ridge (L2)** shrinks all coefficients toward zero, stabilising models with correlated features.
- **Lasso (L1)** can shrink some coefficients exactly to zero, acting as feature selection.
- **Elastic net** combines both.

\`\`\`python
from sklearn.linear_model import LogisticRegression, RidgeCV

ridge = RidgeCV(alphas=np.logspace(-3, 3, 13))        # larger alpha = stronger penalty
logit = LogisticRegression(C=0.1, max_iter=1000)      # smaller C = stronger penalty
\`\`\`

Note the opposite conventions: in \`Ridge\`, a larger \`alpha\` means more regularisation, while in \`LogisticRegression\` a *smaller* \`C\` does. For trees, regularisation comes from limiting depth, requiring larger leaves, and, in boosting, lower learning rates with early stopping.

## The leakage catalogue

| Leakage type | Example | Fix |
| --- | --- | --- |
| Preprocessing leakage | Scaling or imputing on the full dataset before splitting | Put all preprocessing inside a \`Pipeline\` |
| Target leakage | A feature recorded after the outcome, such as "refund issued" when predicting complaints | Ask "would I know this at prediction time?" for every feature |
| Temporal leakage | Random split of time-ordered data | Split by time; use \`TimeSeriesSplit\` |
| Group leakage | Same patient's scans in train and test | Use \`GroupKFold\` or split by entity |
| Selection leakage | Choosing features by correlation with the target on all data | Do feature selection inside the pipeline |
| Test-set tuning | Repeatedly checking the test score while iterating | Tune with CV; test once at the end |

## Why pipelines prevent preprocessing leakage

\`\`\`python
# Leaky: the scaler has seen the test rows
X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)

# Correct: the scaler is refit on each training fold only
pipe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
cross_val_score(pipe, X_train, y_train, cv=5)
\`\`\`

With scaling, the leak is usually small. With target encoding or feature selection done outside the pipeline, it can be enormous.

## A leakage smell test

Be suspicious when:

1. A model is far better than published results or domain expert expectations.
2. One feature dominates the importance ranking.
3. Performance drops sharply in production or on a later time period.

When you see these signs, inspect the top features and ask how and *when* each value is created in the real process.

## Key takeaways

- Overfitting shows as a train/validation gap; leakage inflates both scores.
- Use learning and validation curves to decide between more data, features or regularisation.
- Keep all data-dependent steps inside pipelines, and split by time or group when needed.
`,
        },
      ],
    },
    {
      title: "Beyond the Basics",
      description:
        "Explore unsupervised learning, check your understanding, and complete an end-to-end capstone project.",
      lessons: [
        {
          title: "Unsupervised Learning: Clustering and Dimensionality Reduction",
          description:
            "Find structure in unlabelled data with k-means, DBSCAN and PCA, and learn how to judge the results.",
          lessonType: "TEXT",
          duration: 20,
          resourceUrl: "https://scikit-learn.org/stable/unsupervised_learning.html",
          content: `## Learning without labels

Supervised learning needs a target column. Often you have none: you want to know whether customers fall into natural segments, which products are bought together, or how to compress hundreds of correlated features into a handful. **Unsupervised learning** finds structure in the features alone. Because there is no ground truth, evaluating it requires more judgement.

## k-means clustering

k-means places k centres and assigns each point to the nearest one, then moves each centre to the mean of its points, repeating until stable. It is fast and simple but assumes roughly spherical clusters of similar size, and it depends on feature scale.

\`\`\`python
from sklearn.cluster import KMeans
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import silhouette_score

features = customers[["monthly_spend", "logins_per_week", "tenure_months", "seats"]]

for k in range(2, 8):
    model = make_pipeline(StandardScaler(), KMeans(n_clusters=k, n_init=10, random_state=42))
    labels = model.fit_predict(features)
    print(k, round(silhouette_score(StandardScaler().fit_transform(features), labels), 3))
\`\`\`

## Choosing the number of clusters

| Method | Idea | Caveat |
| --- | --- | --- |
| Elbow plot | Plot within-cluster variance (inertia) against k and look for a bend | The bend is often ambiguous |
| Silhouette score | How much closer points are to their own cluster than to the next one (−1 to 1) | Favours compact, well-separated clusters |
| Business usefulness | Can each segment be described and acted on? | Subjective, but usually decisive |

A technically optimal k that marketing cannot act on is less valuable than a slightly worse k with clear, distinct segments.

## Describe the clusters

Clusters only become useful once described in plain language:

\`\`\`python
customers["segment"] = model.fit_predict(features)
profile = customers.groupby("segment")[features.columns].median()
profile["size"] = customers["segment"].value_counts().sort_index()
print(profile)
\`\`\`

Name segments by their distinguishing traits, for instance "high-seat, low-engagement accounts", and sanity-check them with someone who knows the customers.

## DBSCAN: density-based clusters

DBSCAN groups points that have many close neighbours and labels isolated points as noise (label −1). It finds clusters of arbitrary shape and does not need k, but it requires choosing a neighbourhood radius \`eps\` and \`min_samples\`, and it struggles when clusters have very different densities.

\`\`\`python
from sklearn.cluster import DBSCAN

labels = DBSCAN(eps=0.5, min_samples=10).fit_predict(StandardScaler().fit_transform(features))
print((labels == -1).mean(), "share of points labelled noise")
\`\`\`

It is also a handy outlier detector.

## Dimensionality reduction with PCA

Principal component analysis finds new axes, the principal components, along which the data varies most. Projecting onto the first few components compresses correlated features while keeping most of the information.

\`\`\`python
from sklearn.decomposition import PCA

pca = make_pipeline(StandardScaler(), PCA(n_components=0.95))   # keep 95% of variance
reduced = pca.fit_transform(wide_features)
print(reduced.shape)
print(pca.named_steps["pca"].explained_variance_ratio_.round(3))
\`\`\`

| Technique | Use it for | Avoid it for |
| --- | --- | --- |
| PCA | Compression, removing correlation, quick 2-D views | Strongly non-linear structure |
| t-SNE / UMAP | Visualising clusters in 2-D | Measuring distances between clusters, or as model features without care |

t-SNE and UMAP plots are beautiful but can exaggerate separation and distort global distances. Treat them as exploration aids, not proof that clusters exist.

## Unsupervised results as features

Cluster labels, distances to centres and principal components can become features for a supervised model. Fit them inside the pipeline, on training data only, like any other preprocessing step.

## Key takeaways

- k-means is fast but needs scaled features and a chosen k; DBSCAN finds dense regions and noise.
- Judge clusters with silhouette scores and, above all, with business usefulness.
- PCA compresses correlated features; t-SNE and UMAP are for visual exploration only.
`,
        },
        {
          title: "Quiz: Machine Learning Fundamentals",
          description:
            "Twelve graded questions covering pipelines, metrics, validation, regularisation, leakage and unsupervised learning.",
          lessonType: "QUIZ",
          duration: 15,
          content: `## Instructions

This graded quiz has twelve questions. Most have one best answer; two ask for a number and one for the name of a scikit-learn class. You need **70 %** to pass, and passing completes this lesson.

The quiz is timed: you have **20 minutes** from the moment you start an attempt, and whatever you have answered when time runs out is submitted. You have **3 attempts**. After each attempt you see which questions you got right, with an explanation that points back to the relevant lesson; the correct answers are shown once you pass.

## What the quiz covers

- Pipelines, preprocessing and data leakage
- Metrics for imbalanced problems, precision and the confusion matrix
- Cross-validation, splitters and hyperparameter search
- Regularisation, feature importance and feature scaling
- Clustering and dimensionality reduction

## Scoring guide

| Score | Readiness | Suggested action |
| --- | --- | --- |
| 90–100 % | Ready for the capstone | Start the project |
| 70–89 % | Passed, nearly there | Review the explanations for missed questions |
| Below 70 % | Core concepts need work | Revisit Modules 2 and 3 before your next attempt |
`,
        },
        {
          title: "Capstone: Predicting Customer Churn",
          description:
            "Build, evaluate and present an end-to-end churn prediction model that a business team could act on.",
          lessonType: "ASSIGNMENT",
          duration: 45,
          content: `## Scenario

You have joined the analytics team of a subscription business. Each month, a few percent of customers cancel. The retention team can contact around 10% of customers per month with a discount offer and wants to know **whom to contact**. Your task is to build a churn model, evaluate it honestly, and recommend how to use it.

## Data

Use one of the following:

- The **Telco Customer Churn** sample dataset published by IBM and widely mirrored (around 7,000 customers with contract, service and billing columns and a \`Churn\` label).
- Any comparable churn dataset you have permission to use, with at least 2,000 rows and a binary churn label.

Read the data documentation and record, for each column, whether it would be known **before** the churn event. Drop anything that would not.

## Requirements

1. **EDA**: a short notebook section covering the checklist from Module 1, with at least three plots and a written log of findings.
2. **Split**: a held-out test set created once at the start, stratified by the label.
3. **Pipeline**: all preprocessing inside a \`Pipeline\` with a \`ColumnTransformer\`.
4. **Models**: a dummy baseline, a logistic regression and at least one tree ensemble, compared with 5-fold stratified cross-validation.
5. **Tuning**: a randomised search over at least three hyperparameters of your best model family.
6. **Evaluation**: final test-set results including average precision, ROC AUC, a confusion matrix at your chosen threshold, and **precision among the top 10% highest-risk customers**.
7. **Interpretation**: permutation importance for the final model, with a plain-language explanation of the top five features.
8. **Recommendation**: how the retention team should use the scores, what the model cannot tell them, and how you would monitor it.

This helper computes precision in the top k%:

\`\`\`python
import numpy as np

def precision_at_top(y_true, scores, share=0.10):
    y_true = np.asarray(y_true)
    k = max(1, int(len(scores) * share))
    top = np.argsort(scores)[::-1][:k]
    return y_true[top].mean()
\`\`\`

## Deliverables

- A notebook (or scripts plus notebook) that runs top to bottom after \`pip install -r requirements.txt\`.
- The saved final pipeline (\`joblib\`).
- A two-page report or slide deck for a non-technical retention manager.

Hand in the report as your written answer (or link to the slides), with a link to the repository or notebook that holds the code and the saved pipeline.

Include a results table like this in your report:

| Model | CV average precision (mean ± std) | Test average precision | Precision in top 10% |
| --- | --- | --- | --- |
| Dummy baseline | | | |
| Logistic regression | | | |
| Tuned ensemble | | | |

## Grading rubric

Your instructor reviews your work against the rubric shown with the assignment below: four criteria worth 100 points in all, with what each level looks like. Work that meets the brief passes, which completes this lesson; otherwise it comes back with feedback, and you revise it and hand it in again.

## Tips

- Start with the simplest complete pipeline, then improve; a working baseline on day one beats a perfect model that never finishes.
- Report uncertainty: the spread across folds is part of your result.
- Think about the intervention: customers most likely to churn are not always the ones a discount will save. Mention this limitation, and suggest a controlled experiment to measure the offer's real effect.
`,
        },
      ],
    },
  ],
};
