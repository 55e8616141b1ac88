{
  "targets": [
    {
      "target_name": "treino_rnn",
      "sources": ["src/addon.c", "src/kernels.c", "src/activations.c", "src/gemm.c", "src/adam.c", "src/embedding.c", "src/microkernel.c", "src/lstm_cell.c"],
      "cflags": ["-O3", "-std=gnu11", "-fno-math-errno", "-Wall"],
      "cflags!": ["-O2"],
      "defines": ["<!@(node blas.js defines)"],
      "include_dirs": ["<!@(node blas.js include)"],
      "libraries": ["<!@(node blas.js libraries)"]
    },
    {
      "target_name": "treino_rnn_portable",
      "sources": ["src/addon.c", "src/kernels.c", "src/activations.c", "src/gemm.c", "src/adam.c", "src/embedding.c", "src/microkernel.c", "src/lstm_cell.c"],
      "cflags": ["-O3", "-std=gnu11", "-fno-math-errno", "-Wall"],
      "cflags!": ["-O2"]
    }
  ]
}
