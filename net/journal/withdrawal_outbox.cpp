#include "net/journal/withdrawal_outbox.hpp"

namespace motcua::net {

class WithdrawalOutbox::Source final : public OutboxSource {
public:
  Source(Journal &journal, WithdrawalSender sender)
      : journal_(journal), sender_(std::move(sender)) {}
  std::string_view what() const override { return "withdrawal"; }
  Result<std::vector<PendingSend>, JournalError> unsent(std::size_t limit) override {
    auto keys = journal_.unsent_withdrawals(limit);
    if (!keys)
      return unexpected(keys.error());
    std::vector<PendingSend> out;
    for (auto &key : *keys)
      out.push_back(PendingSend{
          key, [this, key](SendDone done) { sender_(key, std::move(done)); }});
    return out;
  }
  std::optional<JournalError> mark_sent(const std::string &id,
                                        std::int64_t now_ms) override {
    return journal_.mark_withdrawal_sent(id, now_ms);
  }
  std::optional<JournalError> mark_rejected(const std::string &id, const std::string &why,
                                            std::int64_t now_ms) override {
    return journal_.mark_withdrawal_rejected(id, why, now_ms);
  }
  Result<std::int64_t, JournalError> prune_settled(std::int64_t before_ms) override {
    return journal_.prune_settled_withdrawals(before_ms);
  }

private:
  Journal &journal_;
  WithdrawalSender sender_;
};

WithdrawalOutbox::WithdrawalOutbox(Journal &journal, WithdrawalSender sender,
                                   std::function<void()> wake,
                                   std::function<double()> random,
                                   std::function<void(const std::string &)> log,
                                   OutboxOptions options)
    : source_(std::make_unique<Source>(journal, std::move(sender))),
      outbox_(*source_, std::move(wake), std::move(random), std::move(log), options) {}

WithdrawalOutbox::~WithdrawalOutbox() = default;

SendResult withdrawal_result(int http_status, const std::string &message) {
  if (http_status == 200)
    return {true, true, http_status, "withdrawn"};
  if (http_status == 404)
    return {true, true, http_status, "the station had no ticket for it"};
  // 0: no answer (sent again later); 5xx too, by the outbox's rule.
  return {false, http_status > 0, http_status, message};
}

} // namespace motcua::net
