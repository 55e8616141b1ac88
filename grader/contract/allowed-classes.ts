/**
 * What a model description may name: TensorFlow.js's own built-in classes, and nothing
 * else. The train sandbox rebuilds models with these; a class outside the lists (a custom
 * layer, a class the student registered) is a contract failure that names it.
 * `allowed-classes.test.ts` checks every name against tfjs's own registry.
 */

export const MODEL_CLASSES = ["Sequential", "Model", "Functional"] as const;

export const LAYER_CLASSES = [
  "InputLayer",
  // core
  "Dense", "Activation", "Dropout", "SpatialDropout1D", "Flatten", "Reshape", "Permute", "RepeatVector", "Masking", "Embedding",
  "GaussianNoise", "GaussianDropout", "AlphaDropout",
  // recurrent
  "SimpleRNN", "LSTM", "GRU", "RNN", "SimpleRNNCell", "LSTMCell", "GRUCell", "StackedRNNCells", "Bidirectional", "TimeDistributed",
  // convolution and pooling
  "Conv1D", "Conv2D", "SeparableConv2D", "DepthwiseConv2D", "Conv2DTranspose", "Cropping2D", "UpSampling2D", "ZeroPadding2D",
  "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
  "GlobalAveragePooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
  // normalisation
  "BatchNormalization", "LayerNormalization",
  // merging
  "Add", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot",
  // advanced activations
  "ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax",
] as const;

export const INITIALIZER_CLASSES = [
  "Zeros", "Ones", "Constant", "RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling", "GlorotUniform", "GlorotNormal",
  "HeNormal", "HeUniform", "LeCunNormal", "LeCunUniform", "Orthogonal", "Identity",
] as const;

export const REGULARIZER_CLASSES = ["L1L2"] as const;
export const CONSTRAINT_CLASSES = ["MaxNorm", "UnitNorm", "NonNeg", "MinMaxNorm"] as const;

export const OPTIMIZER_CLASSES = ["SGD", "Momentum", "Adagrad", "Adadelta", "Adam", "Adamax", "RMSProp"] as const;

/** Losses tfjs-layers 4.22 compiles by name (`model.compile({ loss: "..." })`): no short aliases. */
export const LOSS_NAMES = [
  "meanSquaredError", "meanAbsoluteError", "meanAbsolutePercentageError", "meanSquaredLogarithmicError", "squaredHinge", "hinge",
  "categoricalHinge", "logcosh", "categoricalCrossentropy", "sparseCategoricalCrossentropy", "binaryCrossentropy",
  "kullbackLeiblerDivergence", "poisson", "cosineProximity",
] as const;

/** Metrics tfjs-layers 4.22 compiles by name. */
export const METRIC_NAMES = [
  "accuracy", "acc", "binaryAccuracy", "categoricalAccuracy", "precision",
  "categoricalCrossentropy", "sparseCategoricalCrossentropy", "mse", "MSE", "mae", "MAE", "mape", "MAPE", "cosine",
] as const;

export const ALLOWED_TOPOLOGY_CLASSES: ReadonlySet<string> = new Set<string>([
  ...MODEL_CLASSES, ...LAYER_CLASSES, ...INITIALIZER_CLASSES, ...REGULARIZER_CLASSES, ...CONSTRAINT_CLASSES,
]);
