# mclust side of optima.csv (run from the repository root:
#   Rscript tests/data/reference/optima/optima.R [dataset ...])
# Writes tests/data/reference/optima/mclust.csv, one row per (dataset, covariance, k).
suppressPackageStartupMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
all_sets <- c("diabetes", "banknote", "wreath", "thyroid", "acidity", "quakes",
              "wine", "wine-z", "breast-cancer-z", "digits")
sets <- if (length(args)) args else all_sets
out <- "tests/data/reference/optima/mclust.csv"
if (!file.exists(out))
  writeLines("dataset,covariance,k,n,d,mclust_default,mclust_best,mclust_best_seed,min_effective_rows,min_eigenvalue_ratio,seconds", out)
types <- c(full = "VVV", diag = "VVI", spherical = "VII", tied = "EEE")
types1 <- c(full = "V", diag = "V", spherical = "V", tied = "E")
g17 <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
safe_fit <- function(x, k, m, init) {
  fit <- tryCatch(suppressWarnings(
    if (is.null(init)) Mclust(x, G = k, modelNames = m, verbose = FALSE)
    else Mclust(x, G = k, modelNames = m, initialization = init, verbose = FALSE)),
    error = function(e) NULL)
  if (is.null(fit) || is.null(fit$loglik) || !is.finite(fit$loglik)) NULL else fit
}
metrics <- function(fit, x) {
  z <- fit$z
  eff <- if (is.null(z)) nrow(x) else min(colSums(as.matrix(z)))
  v <- fit$parameters$variance
  eig <- if (ncol(x) == 1) min(v$sigmasq) else
    min(apply(array(v$sigma, c(ncol(x), ncol(x), fit$G)), 3,
              function(s) min(eigen(s, symmetric = TRUE, only.values = TRUE)$values)))
  cv <- apply(x, 2, function(c) mean((c - mean(c))^2))  # ddof = 0
  c(eff, eig / min(cv[cv > 0]))
}
for (ds in sets) {
  x <- as.matrix(read.csv(file.path("tests/data/real", paste0(ds, ".csv"))))
  n <- nrow(x); d <- ncol(x)
  kmax <- if (ds %in% c("breast-cancer-z", "digits")) 6 else 9
  ty <- if (d == 1) types1 else types
  # the default call's own start, computed once per data set (as mclustBIC does for n <= 2000)
  hcp <- if (d > 1) tryCatch(hc(x, modelName = mclust.options("hcModelName"),
                                use = mclust.options("hcUse")), error = function(e) NULL) else NULL
  rnd <- lapply(1:5, function(s) tryCatch(hcRandomPairs(x, seed = s), error = function(e) NULL))
  for (cv in names(ty)) for (k in 1:kmax) {
    t0 <- proc.time()[["elapsed"]]
    m <- ty[[cv]]
    def <- if (d == 1) safe_fit(x, k, m, NULL) else if (is.null(hcp)) NULL else
      safe_fit(x, k, m, list(hcPairs = hcp))
    best <- def; seed <- if (is.null(def)) NA else 0
    for (s in 1:5) {
      if (is.null(rnd[[s]])) next
      f <- safe_fit(x, k, m, list(hcPairs = rnd[[s]]))
      if (!is.null(f) && (is.null(best) || f$loglik > best$loglik)) { best <- f; seed <- s }
    }
    mt <- if (is.null(best)) c(NA, NA) else tryCatch(metrics(best, x), error = function(e) c(NA, NA))
    row <- c(ds, cv, k, n, d, g17(if (is.null(def)) NA else def$loglik),
             g17(if (is.null(best)) NA else best$loglik), seed, g17(mt[1]), g17(mt[2]),
             sprintf("%.1f", proc.time()[["elapsed"]] - t0))
    cat(paste(row, collapse = ","), "\n", sep = "", file = out, append = TRUE)
    cat(paste(row, collapse = ","), "\n", sep = "")
  }
}
