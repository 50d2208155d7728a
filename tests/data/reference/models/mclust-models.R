# Reference fits of mclust's fourteen covariance models (mclust 6.0.0, R's r-cran-mclust).
# Run from this directory: Rscript mclust-models.R
# - nvarparams.csv: nVarParams(model, d, G) for d = 1..5, G = 1..4 (the models' covariance parameter counts).
# - fits.csv: for each data set and G, the hard start (hclass of mclust's default hc, one label per row,
#   in start-<data>-<G>.csv) and, for each model, the log-likelihood, weights, means and covariances that
#   me() reaches from it with tolerances of 1e-13 (so that the fit is the optimum, not a stopping point).
suppressMessages(library(mclust))
models <- mclust.options("emModelNames")
counts <- expand.grid(model = models, d = 1:5, G = 1:4, stringsAsFactors = FALSE)
counts$parameters <- mapply(function(m, d, G) nVarParams(m, d = d, G = G), counts$model, counts$d, counts$G)
write.csv(counts, "nvarparams.csv", row.names = FALSE, quote = FALSE)

sets <- list(faithful = as.matrix(faithful), iris = as.matrix(iris[, 1:4]))
rows <- list()
for (name in names(sets)) {
  x <- sets[[name]]
  for (G in c(2, 3)) {
    start <- hclass(hc(x), G)
    write.csv(data.frame(label = start - 1), sprintf("start-%s-%d.csv", name, G), row.names = FALSE, quote = FALSE)
    for (m in models) {
      fit <- me(x, modelName = m, z = unmap(start), control = emControl(tol = c(1e-13, 1e-13), itmax = c(100000, 10000)))
      if (is.null(fit$loglik) || !is.finite(fit$loglik)) next
      p <- fit$parameters
      sigma <- p$variance$sigma
      rows[[length(rows) + 1]] <- c(data = name, G = G, model = m, loglik = sprintf("%.15g", fit$loglik),
        iterations = attr(fit, "info")[1],
        weights = paste(sprintf("%.15g", p$pro), collapse = ";"),
        means = paste(sprintf("%.15g", as.vector(p$mean)), collapse = ";"),          # column k = component k
        sigma = paste(sprintf("%.15g", as.vector(sigma)), collapse = ";"))            # d x d x G, column-major
    }
  }
}
out <- do.call(rbind, rows)
write.csv(out, "fits.csv", row.names = FALSE, quote = FALSE)
