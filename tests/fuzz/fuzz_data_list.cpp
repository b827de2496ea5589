// Fuzz target: the lists of training data, on the same bytes: an official M2D .csv (DataSourceList::m2dCsvFiles,
// the file_name column) and a fairseq .tsv manifest (DataSourceList::fairseqTsvFiles, root line then paths).
#include <sstream>

#include "FuzzInput.h"
#include "data/DataSourceList.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = m2ds::fuzz::bytes(data, size);
    m2ds::fuzz::expectInputError([&] {
        std::istringstream in(text);
        m2ds::DataSourceList::m2dCsvFiles(in, m2ds::fuzz::kLabel);
    });
    m2ds::fuzz::expectInputError([&] {
        std::istringstream in(text);
        m2ds::DataSourceList::fairseqTsvFiles(in, m2ds::fuzz::kLabel);
    });
    return 0;
}
