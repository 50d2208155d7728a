# mclust's default hierarchical start (hc with modelName "VVV", use "SVD") cut at K = 2..9, for the
# hierarchical-initialization tests. Run from tests/data: Rscript reference/hc/make-hc.R
# iris has tied measurements; "synthetic" (three correlated 3-D Gaussian clusters and a wide one, values
# with 15 significant digits) has none, so the merge order does not depend on rounding. faithful is left
# out: its rounded values make mclust's own tree change with the row order (reversing the rows moves
# 44-72 rows at K = 3..9), so no other implementation can be expected to match it row for row.
library(mclust)
set.seed(7)
centres <- rbind(c(0, 0, 0), c(4, 1, -2), c(-3, 5, 2), c(1, -4, 6))
sizes <- c(90, 70, 50, 40)
synthetic <- do.call(rbind, lapply(1:4, function(k) {
  a <- matrix(rnorm(9, sd = 0.6), 3) + diag(3) * k / 2
  sweep(matrix(rnorm(sizes[k] * 3), ncol = 3) %*% a, 2, centres[k, ], "+")
}))
colnames(synthetic) <- c("x", "y", "z")
write.csv(signif(synthetic, 15), "reference/hc/synthetic.csv", row.names = FALSE)
for (name in c("iris", "synthetic")) {
  file <- if (name == "iris") "iris.csv" else "reference/hc/synthetic.csv"
  x <- read.csv(file)
  labels <- hclass(hc(x, modelName = "VVV", use = "SVD"), 2:9)
  colnames(labels) <- paste0("k", 2:9)
  write.csv(labels, paste0("reference/hc/", name, "-hc.csv"), row.names = FALSE)
}
cat("mclust", as.character(packageVersion("mclust")), "\n")
