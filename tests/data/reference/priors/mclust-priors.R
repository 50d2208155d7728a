# MAP fits of mclust 6.0.0 (R 4, Debian's r-cran-mclust) with its default conjugate prior, for the six
# parsimonious models that have one besides VVV, VVI, VII and EEE. Run from this directory:
#   Rscript mclust-priors.R
# For Old Faithful (../../faithful.csv) and G = 2, 3, each model is fitted as
#   fit <- Mclust(X, G, modelNames = m, prior = priorControl())
# and polished from its own answer by
#   em(modelName = m, data = X, parameters = fit$parameters, prior = priorControl(),
#      control = emControl(tol = c(1e-14, 1e-14), itmax = c(100000, 100000)))
# so that the parameters are the fixed point of mclust's MAP update, not a stopping point (a second em() from
# them moves the log-likelihood by less than 3e-14 relative). mclust-priors.csv has, per model and G: status
# ("ok", or em()'s warning when it gave no fit), the log-likelihood (mclust's loglik: without the prior), em()'s
# iterations, the weights, the means (column k = component k), sigma (d x d x G, column-major) and the scale
# of defaultPrior(X, G, m). Numbers have 17 significant digits.
suppressMessages(library(mclust))
X <- as.matrix(read.csv("../../faithful.csv"))
number <- function(x) paste(sprintf("%.17g", as.vector(x)), collapse = ";")
rows <- list()
for (m in c("EII", "EEI", "VEI", "EVI", "EEV", "VEV")) {
  for (G in c(2, 3)) {
    fit <- Mclust(X, G = G, modelNames = m, prior = priorControl(), verbose = FALSE)
    e <- em(modelName = m, data = X, parameters = fit$parameters, prior = priorControl(),
            control = emControl(tol = c(1e-14, 1e-14), itmax = c(100000, 100000)), warn = FALSE)
    ok <- !is.null(e$loglik) && is.finite(e$loglik)
    p <- e$parameters
    rows[[length(rows) + 1]] <- data.frame(model = m, G = G,
      status = if (ok) "ok" else attr(e, "WARNING"),
      loglik = if (ok) sprintf("%.17g", e$loglik) else "",
      iterations = attr(e, "info")[[1]],
      weights = if (ok) number(p$pro) else "",
      means = if (ok) number(p$mean) else "",
      sigma = if (ok) number(p$variance$sigma) else "",
      prior_scale = number(defaultPrior(X, G, m)$scale))
  }
}
write.csv(do.call(rbind, rows), "mclust-priors.csv", row.names = FALSE, quote = FALSE)
