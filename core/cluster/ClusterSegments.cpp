#include "cluster/ClusterSegments.h"

#include <sstream>

#include "common/AtomicFileWriter.h"

namespace m2ds {

std::vector<LabelledSegment> ClusterSegments::fromFrames(const std::vector<std::int32_t>& ids, double framesPerSecond) {
    std::vector<LabelledSegment> segments;
    for (std::size_t first = 0; first < ids.size();) {
        std::size_t end = first + 1;
        while (end < ids.size() && ids[end] == ids[first]) ++end;
        segments.push_back({double(first) / framesPerSecond, double(end) / framesPerSecond, std::to_string(ids[first])});
        first = end;
    }
    return segments;
}

void ClusterSegments::writeCsv(const std::string& path, const std::vector<LabelledSegment>& segments) {
    std::ostringstream out;
    out.precision(10);
    out << "start_s,end_s,cluster\n";
    for (const LabelledSegment& segment : segments) out << segment.start << ',' << segment.end << ',' << segment.label << '\n';
    AtomicFileWriter::writeFile(path, out.str());
}

}  // namespace m2ds
