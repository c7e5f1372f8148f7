# The two commands of the README. Everything else is in scripts/.
.PHONY: run test export fmt

run: ## install what is missing, build in release mode, serve at http://127.0.0.1:3000
	./scripts/run.sh

test: ## install what is missing, run the Rust tests and the Playwright suite
	./scripts/test.sh

export: ## build in release mode and write the site as static files into EXPORT_DIR (default target/export)
	./scripts/export.sh

fmt:
	cargo fmt
