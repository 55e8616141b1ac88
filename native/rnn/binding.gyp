{
  "targets": [
    {
      "target_name": "treino_rnn",
      "sources": ["src/addon.c", "src/kernels.c", "src/lstm_cell.c", "src/activations.c", "src/microkernel.c", "src/adam.c", "src/embedding.c"],
      "cflags": ["-O3", "-std=gnu11", "-fno-math-errno", "-Wall"],
      "cflags!": ["-O2"]
    }
  ]
}
