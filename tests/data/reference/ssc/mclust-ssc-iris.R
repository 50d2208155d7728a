# mclust 6.0.0's MclustSSC (semi-supervised EM) on Iris with every 5th row labelled (rows 1, 6, 11, ...),
# the other rows unlabelled; one line per covariance model: model, log-likelihood, mixing proportions
# and means (component by component). Run: Rscript mclust-ssc-iris.R > mclust-ssc-iris.csv
library(mclust)
x <- read.csv("../../iris.csv")
lab <- read.csv("../../iris-labels.csv")[[1]]
cls <- rep(NA, nrow(x))
idx <- seq(1, nrow(x), by = 5)
cls[idx] <- as.character(lab[idx])
cat("model,loglik,pro0,pro1,pro2,", paste0("mean", rep(0:2, each = 4), "_", rep(0:3, 3), collapse = ","), "\n", sep = "")
for (m in c("VVV", "VVI", "VII", "EEE")) {
  fit <- MclustSSC(x, cls, modelNames = m, control = emControl(tol = c(1e-10, sqrt(.Machine$double.eps))))
  cat(m, sprintf("%.12g", fit$loglik), sprintf("%.12g", fit$parameters$pro), sprintf("%.12g", as.vector(fit$parameters$mean)), sep = ",")
  cat("\n")
}
