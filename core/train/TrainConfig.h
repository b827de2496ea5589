#pragma once
#include <cstdint>
#include <string>

namespace m2ds {

/// Settings of one pretraining run, official names and defaults (spec section 4, speech/train_speech.py).
/// Model geometry lives in ModelConfig; this holds the run. Written next to every checkpoint.
struct TrainConfig {
    std::string speech;                   ///< speech source: folder, M2D .csv, fairseq .tsv (audio or prepared .npz)
    std::string noise;                    ///< noise source (audio or prepared .npy); empty = no noise mixing
    std::string teacher = "mfcc";         ///< mfcc | npz | npy[:FOLDER] | none | model:CKPT[:LAYER] | hubert:DIR[:LAYER]
    std::string outputDir;
    std::string resume;                   ///< "" | auto (latest checkpoint in outputDir) | a checkpoint path
    std::string model = "m2d_s_vit_base"; ///< preset name
    std::string inputSize;                ///< "80x608"; empty = the preset's
    std::string patchSize;                ///< "80x2"; empty = the preset's
    int batchSize = 64;                   ///< per process
    int accumIter = 1;
    int epochs = 1000;
    int warmupEpochs = 60;
    double blr = 3e-4;
    double lr = 0.0;                      ///< 0: blr · effective batch / 256
    double minLr = 0.0;
    double weightDecay = 0.05;
    double beta1 = 0.9, beta2 = 0.95, adamEps = 1e-8;
    double maskRatio = 0.6;
    double lossM2d = 1.0;
    double lossOff = 0.5;
    double noiseRatio = 0.2;
    double emaDecayInit = 0.99995;
    double emaDecay = 0.99999;
    double clipGrad = 3.0;
    std::uint64_t seed = 0;
    std::string device = "auto";          ///< auto | cpu | cuda | cuda:N
    std::string amp = "auto";             ///< auto (bf16 on CUDA, none on CPU) | none | bf16 | fp16
    int workers = 2;                      ///< batches prepared ahead
    int logEvery = 10;                    ///< data iterations between "step" log records
    int saveFreq = 100;                   ///< epochs between checkpoints (and one at the end)
    int keepLast = 3;                     ///< checkpoints kept in outputDir
    int evalFreq = 20;                    ///< epochs between RankMe evaluations (0 = never)
    int rankMeSamples = 1000;             ///< fixed evaluation crops for RankMe
    int normStatsCrops = 5000;            ///< random crops per set for the dataset statistics (n_norm_calc / 2)
    double padSeconds = 7.0;              ///< speech padding when preparing audio (official 7 s)
    int mfccCoefficients = 40;

    /// lr actually used for an effective batch of batchSize · accumIter · worldSize.
    double learningRate(int worldSize) const;
    /// Throws InvalidArgument naming the first bad field.
    void validate() const;
    std::string toJson() const;
    /// Missing fields keep their defaults; throws InvalidArgument on malformed JSON.
    static TrainConfig fromJson(const std::string& json);
};

}  // namespace m2ds
