# mclust's noise example, as the mclust-models issue states it: Old Faithful plus 450 points drawn uniformly over
# the data's range widened by 0.1 on each side (set.seed(0), as ?Mclust's example with 100 points), and the noise
# component fitted by mclust 6.0.0 (R's r-cran-mclust) from two first guesses of the noise rows: ?Mclust's random
# one (each row noise with probability 3/4) and nearest-neighbour cleaning (prabclus's NNclean, k = 10, on the
# standardized columns; r-cran-prabclus). Run from this directory: Rscript mclust-noise.R
# - faithful-noise.csv: the 722 rows, with a last column noise (1 for the 450 added points).
# - mclust-noise.csv: per start and fit (Mclust's own choice, and fixed models and G), the model, G, the noise
#   weight, log-likelihood, BIC (mclust's sign), and the recall and precision of the noise rows.
suppressMessages({ library(mclust); library(prabclus) })
nNoise <- 450
set.seed(0)
Noise <- apply(faithful, 2, function(x) runif(nNoise, min = min(x) - .1, max = max(x) + .1))
data <- rbind(faithful, Noise)
truth <- c(rep(FALSE, nrow(faithful)), rep(TRUE, nNoise))
write.csv(data.frame(data, noise = as.integer(truth)), "faithful-noise.csv", row.names = FALSE)
set.seed(0)
random <- sample(c(TRUE, FALSE), size = nrow(data), replace = TRUE, prob = c(3, 1) / 4)
cleaned <- NNclean(scale(data), k = 10)$z == 0
rows <- list()
for (start in c("random", "nnclean")) {
  init <- if (start == "random") random else cleaned
  fits <- list(best = Mclust(data, initialization = list(noise = init), verbose = FALSE))
  for (spec in list(c("VVV", 2), c("VVV", 3), c("EVI", 2), c("EEI", 3)))
    fits[[paste(spec, collapse = " ")]] <- Mclust(data, G = as.integer(spec[2]), modelNames = spec[1], initialization = list(noise = init), verbose = FALSE)
  for (name in names(fits)) {
    m <- fits[[name]]
    found <- m$classification == 0
    rows[[length(rows) + 1]] <- data.frame(start = start, fit = name, model = m$modelName, G = m$G,
      noise_weight = m$parameters$pro[m$G + 1], loglik = m$loglik, bic_mclust = m$bic,
      recall = sum(found & truth) / sum(truth), precision = sum(found & truth) / sum(found))
  }
}
write.csv(do.call(rbind, rows), "mclust-noise.csv", row.names = FALSE, quote = FALSE)
