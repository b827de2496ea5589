#include "ProcessJob.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace m2ds::test {

ProcessRun runProgram(const QString& program, const QStringList& arguments, int timeoutMs) {
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(timeoutMs);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

int freePort() {
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(socket);
    return ntohs(address.sin_port);
}

JobOutcome runJob(const QString& program, const QStringList& arguments, int world, int timeoutMs) {
    const int port = freePort();
    std::vector<std::unique_ptr<QProcess>> ranks;
    for (int rank = 0; rank < world; ++rank) {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("WORLD_SIZE", QString::number(world));
        environment.insert("RANK", QString::number(rank));
        environment.insert("LOCAL_RANK", QString::number(rank));
        environment.insert("MASTER_ADDR", "127.0.0.1");
        environment.insert("MASTER_PORT", QString::number(port));
        process->setProcessEnvironment(environment);
        process->start(program, arguments);
        ranks.push_back(std::move(process));
    }
    JobOutcome outcome;
    for (auto& process : ranks) {
        outcome.finished = process->waitForFinished(timeoutMs) && outcome.finished;
        outcome.exitCodes.push_back(process->exitCode());
        outcome.out << QString::fromUtf8(process->readAllStandardOutput());
        outcome.err << QString::fromUtf8(process->readAllStandardError());
    }
    return outcome;
}

}  // namespace m2ds::test
