# Bootstrap standard errors of mclust 6.0.0 (R's r-cran-mclust) for reference: run from this directory,
#   Rscript mclust-bootstrap.R
# For Old Faithful (G = 2, VVV) and Iris (G = 3, VEV): Mclust's fit, then MclustBootstrap with 999
# nonparametric replicates (set.seed(1)); se.csv has the fit's weights and means and the bootstrap
# standard errors of the weights and of each component's means (component order as Mclust's).
suppressMessages(library(mclust))
set.seed(1)
out <- list()
cases <- list(list(name = "faithful", x = as.matrix(faithful), G = 2, model = "VVV"),
              list(name = "iris", x = as.matrix(iris[, 1:4]), G = 3, model = "VEV"))
for (case in cases) {
  fit <- Mclust(case$x, G = case$G, modelNames = case$model, verbose = FALSE)
  boot <- MclustBootstrap(fit, nboot = 999, type = "bs", verbose = FALSE)
  se <- summary(boot, what = "se")
  for (k in seq_len(case$G)) {
    out[[length(out) + 1]] <- data.frame(data = case$name, model = case$model, component = k - 1,
      weight = sprintf("%.10g", fit$parameters$pro[k]), weight_se = sprintf("%.10g", se$pro[k]),
      means = paste(sprintf("%.10g", fit$parameters$mean[, k]), collapse = ";"),
      mean_se = paste(sprintf("%.10g", se$mean[, k]), collapse = ";"))
  }
}
write.csv(do.call(rbind, out), "se.csv", row.names = FALSE, quote = FALSE)
