# The two commands of the README. Everything else is in scripts/.
.PHONY: run test fmt

run: ## install what is missing, build in release mode, serve at http://127.0.0.1:3000
	./scripts/run.sh

test: ## install what is missing, run the Rust tests and the Playwright suite
	./scripts/test.sh

fmt:
	cargo fmt
