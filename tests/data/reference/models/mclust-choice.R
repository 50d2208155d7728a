# mclust's own choice over its whole default grid (mclust 6.0.0, R's r-cran-mclust): for each data set,
# mclustBIC(X, G = 1:9) with every default (the fourteen models, hc start) and the model and G its summary
# picks, with its BIC (mclust's sign: higher is better). Run from this directory: Rscript mclust-choice.R
# > mclust-choice.csv
suppressMessages(library(mclust))
sets <- c("faithful", "iris", "diabetes", "banknote", "wreath", "thyroid", "acidity")
cat("data,model,G,bic_mclust\n")
for (s in sets) {
  f <- if (s %in% c("faithful", "iris")) file.path("../..", paste0(s, ".csv")) else file.path("../../real", paste0(s, ".csv"))
  x <- as.matrix(read.csv(f))
  b <- mclustBIC(x, G = 1:9, verbose = FALSE)
  chosen <- summary(b, x)
  cat(sprintf("%s,%s,%d,%.6f\n", s, chosen$modelName, chosen$G, chosen$bic))
}
