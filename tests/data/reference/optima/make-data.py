# Writes the scikit-learn data sets of tests/data/real/ (run from the repository root:
#   /usr/bin/python3 tests/data/reference/optima/make-data.py)
import os
import numpy as np
from sklearn import datasets

OUT = "tests/data/real"
os.makedirs(OUT, exist_ok=True)


def put(x, names, name):
    x = np.asarray(x, dtype=float)
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write(",".join(names) + "\n")
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    print(name, x.shape)


def z(x):
    x = np.asarray(x, dtype=float)
    return (x - x.mean(axis=0)) / x.std(axis=0, ddof=0)


def clean(names):
    return [n.replace(" ", "_").replace("/", "_").replace("(", "").replace(")", "") for n in names]


wine = datasets.load_wine()
put(wine.data, clean(wine.feature_names), "wine")
put(z(wine.data), clean(wine.feature_names), "wine-z")
bc = datasets.load_breast_cancer()
put(z(bc.data), clean(bc.feature_names), "breast-cancer-z")
dg = datasets.load_digits()
put(dg.data, clean(dg.feature_names), "digits")
