# Writes the R data sets of tests/data/real/ (run from the repository root:
#   Rscript tests/data/reference/optima/make-data.R)
suppressPackageStartupMessages(library(mclust))
out <- "tests/data/real"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
# shortest of 15..17 significant digits that reads back exactly
fmt <- function(v) {
  s <- sprintf("%.15g", v)
  bad <- as.numeric(s) != v
  s[bad] <- sprintf("%.16g", v[bad])
  bad <- as.numeric(s) != v
  s[bad] <- sprintf("%.17g", v[bad])
  stopifnot(all(as.numeric(s) == v))
  s
}
put <- function(df, name) {
  df <- as.data.frame(df)
  m <- sapply(df, function(col) fmt(as.numeric(col)))
  if (is.null(dim(m))) m <- matrix(m, ncol = ncol(df))
  lines <- c(paste(names(df), collapse = ","), apply(m, 1, paste, collapse = ","))
  writeLines(lines, file.path(out, paste0(name, ".csv")))
  cat(name, nrow(df), "x", ncol(df), "\n")
}
data(diabetes, banknote, wreath, thyroid, acidity, package = "mclust")
put(diabetes[, c("glucose", "insulin", "sspg")], "diabetes")
put(banknote[, setdiff(names(banknote), "Status")], "banknote")
w <- as.data.frame(wreath); names(w) <- c("x1", "x2")
put(w, "wreath")
put(thyroid[, setdiff(names(thyroid), "Diagnosis")], "thyroid")
put(data.frame(acidity = as.numeric(acidity)), "acidity")
put(datasets::quakes[, c("lat", "long", "depth", "mag", "stations")], "quakes")
