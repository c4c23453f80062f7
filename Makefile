# Conveniences; the README's commands are ./run.sh and ./test.sh.
.PHONY: run test bench
run:
	./run.sh
test:
	./test.sh
bench:
	scripts/ensure-deps.sh && scripts/quiet-build.sh -c release && .build/release/kubetutor bench
