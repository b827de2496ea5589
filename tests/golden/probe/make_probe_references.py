#!/usr/bin/python3
"""Reference fixtures for tests/core/probe (scikit-learn's logistic regression and metrics, linear CKA).

Run with Debian's interpreter (python3-sklearn, python3-numpy):

    /usr/bin/python3 tests/golden/probe/make_probe_references.py

Writes tests/golden/probe/probe_references.npz (~60 kB), every array float32:

  lr_x, lr_labels, lr_folds  [300, 12] three overlapping Gaussian classes (not separable), their labels and
                             StratifiedKFold(5, shuffle=True, random_state=0) held-out fold of each row
  lr_proba_c{0.1,1,10}       [300, 3] per fold: StandardScaler fitted on the training rows, then
                             LogisticRegression(C, multinomial, lbfgs, tol=1e-10, max_iter=100000) on them in float64,
                             then polished to its optimum (scipy's ftol stops sklearn with gradient elements ~5e-4 left:
                             L-BFGS-B on the same objective from sklearn's solution with ftol 0 until every gradient
                             element is < 1e-6), so that what differs is ours; each row's probabilities from the fold
                             that holds it out
  lr_fold_accuracy_c1        [5] accuracy of the C = 1 fits on each fold's held-out rows
  lr_fold_f1_c1              [5] f1_score(average="macro") of the same
  lr_objective_c1            [5] sum of cross-entropies + ||W||^2 / (2C) at sklearn's optimum on each fold's rows
  bin_x, bin_labels          [200, 6] two overlapping classes; bin_proba_c1 [200, 2] the probabilities of
                             LogisticRegression(C=1, multi_class="multinomial") fitted on all rows (standardised): the
                             symmetric two-column model, which is sklearn's binary model at 2C
  f1_truth, f1_predicted     [12] ids in 0..5 with class 4 absent from both and class 5 predicted but never true;
  f1_macro                   [1] f1_score(truth, predicted, average="macro")
  cka_layers_a               [3, 60, 20] three representations of 60 rows; cka_layers_b [2, 60, 7] two others
  cka_aa, cka_ab             [3, 3] and [3, 2] linear CKA (Kornblith et al. 2019, eq. of section 3, linear kernel):
                             ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F) of column-centred X, Y, in float64
"""
import os
import sys
import warnings

import numpy as np
from scipy import optimize
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe_references.npz")
CS = (0.1, 1.0, 10.0)


def objective_and_gradient(theta, x, labels, c, classes):
    """sklearn's lbfgs objective: sum of cross-entropies + ||W||^2 / (2C), W [classes, d], bias [classes] free."""
    d = x.shape[1]
    w, b = theta[:classes * d].reshape(classes, d), theta[classes * d:]
    logits = x @ w.T + b
    logits -= logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    residual = np.exp(log_p)
    residual[np.arange(len(labels)), labels] -= 1.0
    value = -log_p[np.arange(len(labels)), labels].sum() + (w ** 2).sum() / (2 * c)
    return value, np.concatenate([(residual.T @ x + w / c).ravel(), residual.sum(axis=0)])


def tight(x, labels, c):
    """LogisticRegression(C=c, multinomial, lbfgs) fitted on x (float64), polished to the optimum: [W.ravel(), b] with
    one row of W per class (sklearn keeps a single row for two classes: its symmetric model is [-w, w])."""
    model = LogisticRegression(C=c, multi_class="multinomial", solver="lbfgs", tol=1e-10, max_iter=100000).fit(x, labels)
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:
        coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
    classes = coef.shape[0]
    result = optimize.minimize(objective_and_gradient, np.concatenate([coef.ravel(), intercept]), args=(x, labels, c, classes),
                               jac=True, method="L-BFGS-B", options={"ftol": 0.0, "gtol": 1e-8, "maxiter": 100000, "maxcor": 30})
    gradient = np.abs(objective_and_gradient(result.x, x, labels, c, classes)[1]).max()
    assert gradient < 1e-6, f"polishing C={c} stopped with a gradient element of {gradient:.1e}"
    return result.x


def probabilities(theta, x):
    classes = len(theta) // (x.shape[1] + 1)
    logits = x @ theta[:classes * x.shape[1]].reshape(classes, -1).T + theta[classes * x.shape[1]:]
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def gaussian_classes(rng, n, d, classes, separation):
    labels = np.arange(n) % classes
    rng.shuffle(labels)
    means = rng.randn(classes, d) * separation
    mixing = rng.randn(d, d) / np.sqrt(d)  # correlated features
    x = rng.randn(n, d) @ mixing + means[labels] + 3.0  # an offset the standardiser removes
    return x.astype(np.float32), labels


def logistic_references(rng):
    x, labels = gaussian_classes(rng, 300, 12, 3, 0.3)
    folds = np.zeros(len(labels), dtype=np.int64)
    for fold, (_, test) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(x, labels)):
        folds[test] = fold
    out = {"lr_x": x, "lr_labels": labels, "lr_folds": folds}
    accuracy, f1, objectives = [], [], []
    for c in CS:
        proba = np.zeros((len(labels), 3))
        for fold in range(5):
            train, test = folds != fold, folds == fold
            scaler = StandardScaler().fit(x[train].astype(np.float64))
            train_x, test_x = scaler.transform(x[train].astype(np.float64)), scaler.transform(x[test].astype(np.float64))
            theta = tight(train_x, labels[train], c)
            proba[test] = probabilities(theta, test_x)
            if c == 1.0:
                predicted = proba[test].argmax(axis=1)
                accuracy.append(accuracy_score(labels[test], predicted))
                f1.append(f1_score(labels[test], predicted, average="macro"))
                objectives.append(objective_and_gradient(theta, train_x, labels[train], c, 3)[0])
        out[f"lr_proba_c{c:g}"] = proba
    out.update(lr_fold_accuracy_c1=accuracy, lr_fold_f1_c1=f1, lr_objective_c1=objectives)
    return out


def binary_references(rng):
    x, labels = gaussian_classes(rng, 200, 6, 2, 0.3)
    scaled = StandardScaler().fit_transform(x.astype(np.float64))
    return {"bin_x": x, "bin_labels": labels, "bin_proba_c1": probabilities(tight(scaled, labels, 1.0), scaled)}


def f1_references():
    truth = np.array([0, 0, 1, 1, 2, 2, 3, 3, 0, 1, 2, 3])
    predicted = np.array([0, 1, 1, 1, 2, 5, 3, 0, 0, 5, 2, 3])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        macro = f1_score(truth, predicted, average="macro")
    return {"f1_truth": truth, "f1_predicted": predicted, "f1_macro": [macro]}


def linear_cka(x, y):
    x = x.astype(np.float64) - x.astype(np.float64).mean(axis=0)
    y = y.astype(np.float64) - y.astype(np.float64).mean(axis=0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def cka_references(rng):
    base = rng.randn(60, 20)
    a = np.stack([base + 0.3 * rng.randn(60, 20), np.tanh(base @ rng.randn(20, 20)), rng.randn(60, 20) * 4 + 1])
    b = np.stack([base[:, :7] * 2 + rng.randn(60, 7), rng.randn(60, 7)])
    a, b = a.astype(np.float32), b.astype(np.float32)
    aa = np.array([[linear_cka(p, q) for q in a] for p in a])
    ab = np.array([[linear_cka(p, q) for q in b] for p in a])
    return {"cka_layers_a": a, "cka_layers_b": b, "cka_aa": aa, "cka_ab": ab}


def main():
    rng = np.random.RandomState(5)
    arrays = {**logistic_references(rng), **binary_references(rng), **f1_references(), **cka_references(rng)}
    np.savez_compressed(OUT, **{name: np.asarray(value, dtype=np.float32) for name, value in arrays.items()})
    print(f"wrote {OUT}: C=1 fold accuracy {np.round(arrays['lr_fold_accuracy_c1'], 3)}, macro-F1 {arrays['f1_macro'][0]:.4f}, "
          f"CKA a/b {np.round(arrays['cka_ab'], 4).tolist()}", file=sys.stderr)


if __name__ == "__main__":
    main()
